package kz.shekara.server.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription of a {@link KafkaBus} whose handler keeps state per partition
 * ({@link PartitionHandler}): a consumer in the group {@code groupPrefix + group + "." + topic} on its own
 * thread. When the group gives it a partition, it first reads that partition from its start up to the
 * group's committed offset (with a consumer of its own, outside the group) and hands those records to
 * {@link PartitionHandler#replay}, so the state the previous owner had at its last commit is rebuilt;
 * then it hands on the records from the committed offset. Before each commit it waits until everything
 * the handler published is on the cluster ({@code beforeCommit}), so a committed record's outputs are
 * never lost with a worker; a worker that dies between sending and committing has its last records
 * handled again by the next owner, which sends the same outputs again (a handler that is deterministic
 * per partition gives equal duplicates, which consumers drop by id). Records that do not decode are
 * counted as failures and skipped. The rebuild reads the whole partition: cost grows with the topic.
 * Thread-safe: the consumers are touched by the subscription's thread only.
 */
final class PartitionedSubscription<E extends DomainEvent> extends GroupConsumer<E> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSubscription.class);

    private final KafkaBusConfig config;
    private final PartitionHandler<E> handler;
    private final Runnable beforeCommit;

    PartitionedSubscription(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group,
                            PartitionHandler<E> handler, Runnable beforeCommit, Runnable onClose) {
        super(config, topic, kafkaTopic, group, onClose);
        this.config = config;
        this.handler = handler;
        this.beforeCommit = beforeCommit;
    }

    @Override
    void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            hand(r, decode(r), e -> handler.accept(r.partition(), e));
        }
    }

    /** Outputs first, then offsets: what a commit covers has been sent. */
    @Override
    void beforeCommit() {
        beforeCommit.run();
    }

    @Override
    void stopped() {
        for (TopicPartition tp : List.copyOf(next.keySet())) {
            handler.revoked(tp.partition());
        }
        next.clear();
    }

    @Override
    Rebalance rebalance() {
        return new Rebuilding();
    }

    /** Reads {@code tp} from its start up to {@code end} (exclusive) into the handler's replay. */
    private void rebuild(TopicPartition tp, long end) {
        if (end <= 0) {
            return;
        }
        try (KafkaConsumer<String, byte[]> reader = PartitionReadBack.reader(config, group + "." + topic.name())) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(POLL).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    E e = decode(r);
                    if (e != null) {
                        handler.replay(tp.partition(), e);
                    }
                }
            }
        }
        LOG.info("{} on {}: partition {} rebuilt from offsets 0 to {}", group, tp.topic(), tp.partition(), end);
    }

    /**
     * Commits before giving partitions up; rebuilds the state of partitions taken. A partition given up
     * and given back at once (the group's eager rebalance takes every partition back before it deals
     * them out again) keeps its state when nobody committed past this worker meanwhile.
     */
    private final class Rebuilding extends Parking {
        @Override
        void lost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                if (next.remove(tp) != null) {
                    handler.revoked(tp.partition());
                }
            }
        }

        @Override
        void taken(Collection<TopicPartition> partitions) {
            List<TopicPartition> taken = new ArrayList<>(partitions);
            taken.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            for (TopicPartition tp : taken) {
                long from = consumer.position(tp);
                Long had = parked.remove(tp);
                if (had == null || had != from) {
                    if (had != null) {
                        handler.revoked(tp.partition());
                    }
                    handler.assigned(tp.partition());
                    rebuild(tp, from);
                    handler.rebuilt(tp.partition());
                }
                next.put(tp, from);
            }
            parked.keySet().forEach(tp -> handler.revoked(tp.partition()));
            parked.clear();
        }
    }
}
