package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaBus} subscription of a worker whose state spans several input topics keyed by sector
 * (the rules: tracks, detections, heartbeats, unit positions, tasks, control changes): one consumer in
 * the group {@code groupPrefix + group + ".sectors"} subscribed to every input topic, so that a rebalance
 * moves partition {@code p} of every input topic at once (the range assignor deals each topic's
 * partitions alike over the members sorted by id: a worker holds the same sectors of every topic).
 *
 * <p>When it takes a partition (not one it gave up and got back with nobody committing meanwhile), it
 * rebuilds the partition's state before handing on any new input of it ({@link SectorHandler#rebuild}),
 * by the restart rule: the previous owner's outputs are its state (read whole from the output topics: the
 * partition's sectors of the topics keyed by sector, every partition of the others), and the inputs it
 * handled (each input topic's partition below the group's committed offset, from the input window
 * before the latest of them: records are stamped with their event time) bring the handler's short-lived
 * state up to date. Records are then handed on in each partition's offset order; offsets are
 * committed as {@link CommitPacing} says (after a poll), once the handler's outputs have been handed on
 * and sent to the cluster, so what a commit covers is never lost with a worker, and what a lost worker sent after its last commit is
 * sent again by its taker for the same inputs (a handler rebuilt from the outputs drops what it already
 * holds). Records that do not decode are counted as failures and skipped. Thread-safe: the consumers are
 * touched by the subscription's thread only.
 */
final class SectorSubscription extends ConsumerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SectorSubscription.class);

    private final KafkaBusConfig config;
    private final Map<String, Topic<?>> inputs = new LinkedHashMap<>();
    private final Map<String, Topic<?>> bySector = new LinkedHashMap<>();
    private final Map<String, Topic<?>> whole = new LinkedHashMap<>();
    private final Duration inputWindow;
    private final SectorHandler handler;
    private final Runnable flush;

    /**
     * @param inputs the topics handed on ({@code prefix + name} each), all keyed by sector
     * @param sectorOutputs the handler's output topics keyed by sector: the taken partitions are read back
     * @param otherOutputs its output topics keyed otherwise: read back whole
     * @param inputWindow how far back in event time, before the latest input handled, the inputs handled
     *                    are read back to rebuild a partition taken
     * @param flush sends what the bus's producer holds and waits until the cluster has it
     */
    SectorSubscription(KafkaBusConfig config, String group, List<Topic<?>> inputs, List<Topic<?>> sectorOutputs,
                       List<Topic<?>> otherOutputs, Duration inputWindow, SectorHandler handler, Runnable flush,
                       Runnable onClose) {
        super(config, group, group + ".sectors", inputs.stream().map(t -> config.topicPrefix() + t.name()).toList(),
                config.batching().pollRecords(), onClose);
        this.config = config;
        inputs.forEach(t -> this.inputs.put(config.topicPrefix() + t.name(), t));
        sectorOutputs.forEach(t -> bySector.put(config.topicPrefix() + t.name(), t));
        otherOutputs.forEach(t -> whole.put(config.topicPrefix() + t.name(), t));
        this.inputWindow = inputWindow;
        this.handler = handler;
        this.flush = flush;
    }

    @Override
    void stopped() {
        partitionNumbers(next.keySet()).forEach(handler::revoked);
        next.clear();
    }

    /** Outputs handed on and sent first, then the offsets: what a commit covers is on the cluster. */
    @Override
    void beforeCommit() {
        handler.handedOn();
        flush.run();
    }

    private DomainEvent decode(Map<String, Topic<?>> topics, ConsumerRecord<String, byte[]> r) {
        try {
            return EventRecords.event(topics.get(r.topic()), r);
        } catch (IllegalArgumentException ex) {
            failed(ex);
            return null;
        }
    }

    private static TreeSet<Integer> partitionNumbers(Collection<TopicPartition> tps) {
        TreeSet<Integer> ps = new TreeSet<>();
        tps.forEach(tp -> ps.add(tp.partition()));
        return ps;
    }

    /**
     * Reads back partition {@code p}: the outputs to their end, the inputs below {@code from} (the group's
     * committed offsets), and hands them to the handler.
     */
    private void rebuild(int p, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, byte[]> reader = PartitionReadBack.reader(config, group)) {
            List<TopicPartition> outs = new ArrayList<>();
            bySector.keySet().forEach(t -> outs.add(new TopicPartition(t, p)));
            for (String t : whole.keySet()) {
                for (PartitionInfo info : reader.partitionsFor(t, Duration.ofSeconds(30))) {
                    outs.add(new TopicPartition(t, info.partition()));
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>(reader.endOffsets(outs));
            ends.putAll(from);
            Map<String, Topic<?>> all = new HashMap<>(inputs);
            all.putAll(bySector);
            all.putAll(whole);
            Map<TopicPartition, Long> starts = PartitionReadBack.windowStarts(reader, from, inputWindow);
            java.util.Set<Topic<?>> readWhole = handler.inputsReadWhole();
            starts.keySet().removeIf(tp -> readWhole.contains(inputs.get(tp.topic()))); // from the partition's start
            Map<TopicPartition, List<DomainEvent>> read = PartitionReadBack.read(reader, starts, ends,
                    r -> decode(all, r));
            List<DomainEvent> outputs = new ArrayList<>();
            outs.forEach(tp -> outputs.addAll(read.getOrDefault(tp, List.of())));
            List<DomainEvent> in = new ArrayList<>();
            from.keySet().stream().sorted(Comparator.comparing(TopicPartition::topic))
                    .forEach(tp -> in.addAll(read.getOrDefault(tp, List.of())));
            in.sort(Comparator.comparing(DomainEvent::time)); // stable: ties keep the topics' order
            handler.rebuild(p, outputs, in);
            LOG.info("{}: partition {} rebuilt from {} outputs and {} inputs handled before", group, p,
                    outputs.size(), in.size());
        }
    }

    /**
     * Commits before giving partitions up; rebuilds the partitions taken. A partition given up and given
     * back in one rebalance keeps its state when nobody committed past this worker meanwhile.
     */
    private final class Rebuilding extends Parking {
        @Override
        void lost(Collection<TopicPartition> partitions) {
            TreeSet<Integer> held = partitionNumbers(next.keySet());
            partitions.forEach(next::remove);
            held.removeAll(partitionNumbers(next.keySet()));
            held.forEach(handler::revoked);
        }

        @Override
        void taken(Collection<TopicPartition> partitions) {
            Map<Integer, Map<TopicPartition, Long>> taken = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                taken.computeIfAbsent(tp.partition(), k -> new HashMap<>()).put(tp, consumer.position(tp));
            }
            TreeSet<Integer> wasParked = partitionNumbers(parked.keySet());
            taken.forEach((p, from) -> {
                boolean kept = wasParked.contains(p) && from.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(parked.get(e.getKey())));
                if (!kept) {
                    if (wasParked.contains(p)) {
                        handler.revoked(p);
                    }
                    rebuild(p, from);
                }
                next.putAll(from);
            });
            wasParked.removeAll(taken.keySet());
            wasParked.forEach(handler::revoked);
            parked.clear();
        }
    }

    @Override
    Rebalance rebalance() {
        return new Rebuilding();
    }

    @Override
    void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            hand(r, decode(inputs, r), e -> handler.accept(r.partition(), e));
        }
    }
}
