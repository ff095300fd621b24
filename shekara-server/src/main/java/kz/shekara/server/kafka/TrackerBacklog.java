package kz.shekara.server.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of the observations topic the tracker workers have not yet taken, read from the cluster:
 * the topic's end offsets less the tracker group's committed offsets (a worker commits only what it has
 * taken, so detections fetched and held back by the hand-over rule count here, where a consumer's lag,
 * taken from its position, reads 0). The tracker group is the one whose name ends in
 * {@code tracker.observations} with offsets on the topic. For {@code collect}: it waits while this is above
 * zero. Not thread-safe; closes its admin client.
 */
public final class TrackerBacklog implements AutoCloseable {
    private static final String GROUP_SUFFIX = "tracker.observations";

    private final Admin admin;
    private final String topic;

    /** @param topic the observations topic's Kafka name (with its prefix) */
    public TrackerBacklog(String bootstrap, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.topic = topic;
    }

    /** Records of the topic not yet taken by the tracker group; -1 when no tracker group has offsets on it. */
    public long notTaken() throws InterruptedException {
        try {
            long total = -1;
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
                if (!g.groupId().endsWith(GROUP_SUFFIX)) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
                    if (tp.topic().equals(topic) && o != null) {
                        committed.put(tp, o);
                    }
                });
                if (committed.isEmpty()) {
                    continue;
                }
                total = Math.max(total, 0) + behind(committed);
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the tracker group's offsets: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private long behind(Map<TopicPartition, OffsetAndMetadata> committed) throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long n = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            n += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return n;
    }

    @Override
    public void close() {
        admin.close();
    }
}
