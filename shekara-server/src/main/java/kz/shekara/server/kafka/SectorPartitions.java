package kz.shekara.server.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a sector's records go to: the Kafka producer's own choice for a record keyed by the sector
 * (the murmur2 hash of the key's UTF-8 bytes, modulo the topic's partitions). Stateless.
 */
public final class SectorPartitions {
    private SectorPartitions() {
    }

    /** The partition of {@code sector}'s records on a topic of {@code partitions} partitions. */
    public static int of(String sector, int partitions) {
        return Utils.toPositive(Utils.murmur2(sector.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The sectors among {@code sectors} whose records go to {@code partition}. */
    public static List<String> in(int partition, Collection<String> sectors, int partitions) {
        return sectors.stream().filter(s -> of(s, partitions) == partition).toList();
    }
}
