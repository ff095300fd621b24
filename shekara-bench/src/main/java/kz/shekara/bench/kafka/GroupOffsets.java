package kz.shekara.bench.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * What the cluster says about a run's consumer groups, read with an admin client: how many members a
 * group has with every partition dealt out, the end offsets of a topic, and how far a group has
 * committed (a record committed has been handled, and for a tracker worker its outputs are on the
 * cluster).
 */
final class GroupOffsets implements AutoCloseable {
    private final Admin admin;
    private final int partitions;

    GroupOffsets(String bootstrap, int partitions) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.partitions = partitions;
    }

    /**
     * Whether {@code group} is stable with {@code members} members holding all the partitions of its topics
     * between them (a group over several topics, as the rules', holds a multiple of the partition count).
     */
    boolean stable(String group, int members) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            int held = d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
            return d.groupState() == GroupState.STABLE && d.members().size() == members && held > 0 && held % partitions == 0;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end offset of each partition of {@code topic}. */
    long[] ends(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long[] out = new long[partitions];
        get(admin.listOffsets(latest).all(), "the end offsets of " + topic)
                .forEach((tp, info) -> out[tp.partition()] = info.offset());
        return out;
    }

    /** Records of {@code topic} committed by {@code group}, all partitions together. */
    long committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), "the offsets of " + group);
        long sum = 0;
        for (int p = 0; p < partitions; p++) {
            OffsetAndMetadata c = committed.get(new TopicPartition(topic, p));
            sum += c == null ? 0 : c.offset();
        }
        return sum;
    }

    /** Records of {@code topic} not yet committed by {@code group} (every record when it committed none). */
    long lag(String group, String topic) {
        return java.util.Arrays.stream(ends(topic)).sum() - committed(group, topic);
    }

    private static <T> T get(Future<T> answer, String what) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
