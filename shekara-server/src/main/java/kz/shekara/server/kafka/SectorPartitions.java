package kz.shekara.server.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of a topic a record keyed by a sector goes to: the Kafka producer's own rule for a
 * keyed record (murmur2 of the key's UTF-8 bytes, modulo the partition count), so that a worker knows
 * the sectors of the partitions it holds before any of their records comes. Stateless.
 */
public final class SectorPartitions {
    private SectorPartitions() {
    }

    /** The partition of {@code sector} on a topic of {@code partitions} partitions. */
    public static int of(String sector, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(sector.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The sectors among {@code sectors} whose records go to {@code partition}. */
    public static List<String> in(int partition, Collection<String> sectors, int partitions) {
        return sectors.stream().filter(s -> of(s, partitions) == partition).toList();
    }
}
