package kz.shekara.server.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaBus} as a time-ordered recording's publisher uses it: besides the events, a
 * {@linkplain EventRecords#watermark watermark} on every observations partition it has written nothing to
 * for {@code quiet} of event time, and on every partition at the end ({@link #end}), saying the event time
 * the recording has reached. A recording is published in time order, so whatever comes later on any partition
 * is no earlier than the time reached: the watermark is a promise the trackers build on (a quiet partition's
 * tracker promises its neighbours up to it, see {@code SectorTrackers}) where a partition's own records say
 * nothing. An event earlier than the time reached (input out of time order) breaks that promise: it is
 * published as it is, counted ({@link #outOfOrder}) and logged once. Thread-safe.
 */
public final class ReplayWatermarks implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayWatermarks.class);

    private final KafkaBus bus;
    private final Duration quiet;
    private final int partitions;
    /** Per observations partition, the latest event time written to it (an event or a watermark), null before. */
    private final Instant[] written;
    private Instant reached;
    private long outOfOrder;
    private long watermarks;

    /**
     * @param partitions the observations topic's partition count (as {@link KafkaTopics#partitionsOf} gives it)
     * @param quiet how much event time a partition may go without a record before it gets a watermark
     */
    public ReplayWatermarks(KafkaBus bus, int partitions, Duration quiet) {
        if (!quiet.isPositive()) {
            throw new IllegalArgumentException("the quiet time of watermarks must be positive, not " + quiet);
        }
        this.bus = bus;
        this.quiet = quiet;
        this.partitions = partitions;
        this.written = new Instant[partitions];
    }

    @Override
    public synchronized <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        bus.publish(topic, key, event);
        Instant t = event.time();
        if (reached != null && t.isBefore(reached)) {
            if (outOfOrder++ == 0) {
                LOG.warn("recording not in time order ({} after {}): the partitions' watermarks may promise too much", t, reached);
            }
            return;
        }
        reached = t;
        if (topic.equals(Topic.OBSERVATIONS) && key != null) {
            written[SectorPartitions.of(key, partitions)] = t;
        }
        for (int p = 0; p < partitions; p++) {
            if (written[p] == null || !written[p].plus(quiet).isAfter(t)) {
                mark(p);
            }
        }
    }

    /** The end of the recording: every partition not yet marked at the time reached gets its watermark. */
    public synchronized void end() {
        for (int p = 0; reached != null && p < partitions; p++) {
            if (!reached.equals(written[p])) {
                mark(p);
            }
        }
    }

    /** Watermarks written. */
    public synchronized long watermarks() {
        return watermarks;
    }

    /** Events published earlier than the time the recording had reached (not in time order). */
    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    private void mark(int p) {
        bus.watermark(Topic.OBSERVATIONS, p, reached);
        written[p] = reached;
        watermarks++;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return bus.subscribe(topic, group, handler);
    }

    @Override
    public boolean local() {
        return bus.local();
    }

    @Override
    public void drain() throws InterruptedException {
        bus.drain();
    }

    @Override
    public void close() {
        bus.close();
    }
}
