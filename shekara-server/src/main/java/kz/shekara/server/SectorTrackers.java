package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.PartitionHandler;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.track.TrackerService;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackHandover;
import kz.shekara.track.TrackerConfig;

/**
 * A tracker worker of a Kafka cluster: one {@link MultiSectorTracker} per observations partition it
 * holds (detections are keyed by the sector they lie in, so a partition is a fixed set of sectors and
 * every track id {@code sector-n} is made by the one tracker that owns its sector), fed that partition's
 * detections in offset order, publishing its live track updates on {@link Topic#TRACKS}. A tracker's
 * output depends only on its partition's records and the hand-overs it receives, so whichever worker
 * holds a partition, and however often it moved, the tracks are the same: a partition taken over is
 * rebuilt by replaying its records up to the committed offset with nothing sent
 * ({@link PartitionHandler#replay}), the next owner sends again what its predecessor sent after its last
 * commit (equal updates, dropped by consumers), and a track id is neither made twice nor lost. Buffered
 * scans are not flushed when a partition leaves (its next owner rebuilds them).
 *
 * <p>A track that moves into a sector of another partition is sent, as a {@link TrackHandover}, on
 * {@link Topic#HANDOVERS} keyed by that sector; the worker holding that partition ({@link #intake()},
 * the same partition of the hand-over topic) gives it to the partition's tracker, which adopts it with its
 * id. Each tracker also sends progress marks to its neighbour partitions ({@link HandoverMarks}), and a
 * detection is taken only once the {@link HandoverGate} says no hand-over it needs can still come; a partition
 * held back so waits while the worker's other partitions go on ({@link #ready}), and a worker with nothing it
 * may take sends every mark it can ({@link #stalled}). Meters: {@code shekara.tracker.detections},
 * {@code shekara.tracker.updates}, {@code shekara.tracker.replayed}, {@code shekara.tracker.partitions},
 * {@code shekara.tracker.handovers.sent}, {@code .received}, {@code .late}, {@code .refused},
 * {@code .waitsGivenUp}, {@code shekara.tracker.held} (detections fetched and not yet taken: held back by the
 * gate or behind another partition's). Thread-safe: the subscriptions' threads call it; the gauges read volatile counts.
 */
final class SectorTrackers implements PartitionHandler<Detection> {
    /**
     * The hand-over rule's settings (the {@code kafka} section's {@code handoverLag}, {@code handoverPatience},
     * {@code handoverMarkEvery}).
     *
     * @param lag a hand-over is adopted before the destination's first scan later than its time plus this
     * @param patience how long a source's progress mark may stand still, while a detection waits for it, before
     *                 the destination stops waiting for it
     * @param markEvery a tracker sends a progress mark when its detections have moved on by this much event time
     */
    record Rule(Duration lag, Duration patience, Duration markEvery) {
        /** A lag of 2 s, a patience of 5 s, a mark every 0.5 s. */
        static final Rule DEFAULTS = new Rule(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    private final TrackerConfig config;
    private final Theatre theatre;
    private final SectorLocator sectors;
    private final Bus out;
    private final Bus handovers;
    private final Map<Integer, String> keySector = new TreeMap<>();
    private final Map<String, Integer> partitionOf = new HashMap<>();
    private final Map<Integer, MultiSectorTracker> trackers = new HashMap<>();
    /** Per hand-over partition held, the hand-overs read from it (given to its tracker when it comes). */
    private final Map<Integer, List<TrackHandover>> inbox = new HashMap<>();
    private final Duration lag;
    private final HandoverMarks marks;
    private final HandoverGate gate;
    private final Counter detections;
    private final Counter updates;
    private final Counter replayed;
    private final Counter sent;
    private final Counter received;
    private final Counter late;
    private final Counter refused;
    private volatile int held;
    /** The observations subscription, once subscribed: its records fetched and not yet taken are the gauge {@code held}. */
    private volatile Bus.Subscription observations;
    /** The gate's change count when a detection was last held back (-1: none since the last stall); subscription thread only. */
    private long heldAt = -1;

    /**
     * @param handovers the bus hand-overs and marks go on (a Kafka bus: not the node's logged bus), or null
     *                  for none (a track crossing into another partition's sector then coasts out here)
     * @param partitions the partition count of the observations and hand-over topics
     */
    SectorTrackers(TrackerConfig config, Theatre theatre, Bus out, Bus handovers, int partitions, Rule rule,
                   MeterRegistry meters) {
        this.config = config;
        this.theatre = theatre;
        this.sectors = new SectorLocator(theatre);
        this.out = out;
        this.handovers = handovers;
        for (Sector s : theatre.sectors()) {
            int p = SectorPartitions.of(s.id(), partitions);
            partitionOf.put(s.id(), p);
            keySector.merge(p, s.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        this.lag = rule.lag();
        this.marks = new HandoverMarks(handovers, keySector, HandoverMarks.neighbours(theatre, config, sectors, partitionOf),
                rule.markEvery());
        this.gate = new HandoverGate(rule.lag(), rule.patience());
        this.detections = meters.counter("shekara.tracker.detections");
        this.updates = meters.counter("shekara.tracker.updates");
        this.replayed = meters.counter("shekara.tracker.replayed");
        this.sent = meters.counter("shekara.tracker.handovers.sent");
        this.received = meters.counter("shekara.tracker.handovers.received");
        this.late = meters.counter("shekara.tracker.handovers.late");
        this.refused = meters.counter("shekara.tracker.handovers.refused");
        Gauge.builder("shekara.tracker.partitions", this, t -> t.held).register(meters);
        Gauge.builder("shekara.tracker.held", this, t -> t.observations == null ? 0 : t.observations.queueDepth())
                .register(meters);
        Gauge.builder("shekara.tracker.handovers.waitsGivenUp", gate, HandoverGate::givenUp).register(meters);
    }

    @Override
    public synchronized void assigned(int partition) {
        MultiSectorTracker t = new MultiSectorTracker(config, theatre.sectors(), sectors, MultiSectorTracker.Mode.LIVE);
        if (handovers != null) {
            t.handOverAcross(partition, id -> partitionOf.get(id) == partition, lag);
            inbox.getOrDefault(partition, List.of()).forEach(h -> receive(t, h));
        }
        trackers.put(partition, t);
        marks.forget(partition);
        held = trackers.size();
    }

    @Override
    public void replay(int partition, Detection d) {
        if (handovers != null && !d.kind().isAlarm()) {
            await(partition, d.time());
        }
        synchronized (this) {
            MultiSectorTracker t = tracker(partition);
            t.accept(d);
            t.takeHandovers();
            marks.progress(partition, t.progress(null));
            replayed.increment();
        }
    }

    /**
     * Whether the hand-overs a detection may need are in (see {@link HandoverGate}). If not, the partition's
     * tracker runs the scans the gate lets it run without the detection (those before the latest time it may
     * take, less the reorder window: its input goes on at the detection's time), and its mark, which may now
     * say up to the detection's time, goes out: no two partitions wait for each other for lack of a mark.
     */
    @Override
    public boolean ready(int partition, Detection d) {
        return handovers == null || d.kind().isAlarm() || mayTake(partition, d.time());
    }

    /**
     * A producer's watermark: the partition's input goes on at {@code reached} or later (it is quiet, or its
     * recording is over). Taken as a detection of that time would be, without one: once the gate would take
     * it, the tracker runs the scans such a detection would release, then moves its tracks on to the time it has
     * passed, ending those a tracker over every sensor would have ended by then ({@link MultiSectorTracker#reached}),
     * and its mark says up to {@code reached}, so its neighbours do not wait for a partition with nothing to read;
     * until then it is held back (as in {@link #ready}, its mark already saying what it can).
     */
    @Override
    public boolean reached(int partition, Instant reached) {
        if (handovers == null) {
            return true;
        }
        if (!mayTake(partition, reached)) {
            return false;
        }
        synchronized (this) {
            MultiSectorTracker t = trackers.get(partition);
            if (t != null) {
                send(t, t.reached(reached));
                marks.progress(partition, t.progress(reached));
                marks.send(partition, true);
            }
        }
        return true;
    }

    @Override
    public void replayReached(int partition, Instant reached) {
        if (handovers == null) {
            return;
        }
        await(partition, reached);
        synchronized (this) {
            MultiSectorTracker t = tracker(partition);
            t.reached(reached);
            t.takeHandovers();
            marks.progress(partition, t.progress(reached));
        }
    }

    /** Waits until the gate lets partition {@code p} take input of time {@code time} (a rebuild: {@link HandoverGate#await}). */
    private void await(int partition, Instant time) {
        try {
            gate.await(partition, time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the gate lets partition {@code p} take input of time {@code time} now; if not, see {@link #ready}. */
    private boolean mayTake(int partition, Instant time) {
        long seen = gate.changes();
        if (gate.admit(partition, time)) {
            return true;
        }
        heldAt = heldAt < 0 ? seen : Math.min(heldAt, seen);
        synchronized (this) {
            MultiSectorTracker t = trackers.get(partition);
            if (t != null) {
                Instant until = gate.frontier(partition);
                if (until != null && until.isBefore(time)) {
                    send(t, t.advanceTo(until));
                }
                marks.progress(partition, t.progress(time));
                marks.send(partition, true);
            }
        }
        return false;
    }

    /** Nothing may be taken now: every partition's progress goes out, then a wait for a mark (at most {@code max}). */
    @Override
    public void stalled(Duration max) throws InterruptedException {
        if (handovers == null) {
            return;
        }
        synchronized (this) {
            marks.sendAll(trackers.keySet());
        }
        long seen = heldAt;
        heldAt = -1;
        if (seen >= 0 && max.isPositive()) {
            gate.awaitChange(seen, max);
        }
    }

    @Override
    public void accept(int partition, Detection d) {
        synchronized (this) {
            detections.increment();
            MultiSectorTracker t = tracker(partition);
            send(t, t.accept(d));
            marks.progress(partition, t.progress(null));
            marks.send(partition, false);
        }
    }

    @Override
    public synchronized void revoked(int partition) {
        trackers.remove(partition);
        marks.forget(partition);
        held = trackers.size();
    }

    /**
     * Subscribes a tracker worker on a Kafka bus: the observations' partitions to {@code trackers}, the same
     * partitions of the hand-over topic to its {@link #intake()}, both in the tracker group.
     */
    static void subscribe(kz.shekara.server.kafka.KafkaBus bus, SectorTrackers trackers, ShekaraServer server) {
        server.closeWith(bus.subscribePartitioned(Topic.HANDOVERS, TrackerService.GROUP, trackers.intake(), false));
        Bus.Subscription observations = bus.subscribePartitioned(Topic.OBSERVATIONS, TrackerService.GROUP, trackers, true);
        trackers.observations = observations;
        server.closeWith(observations);
    }

    /** The partitions held now. */
    synchronized List<Integer> partitions() {
        return trackers.keySet().stream().sorted().toList();
    }

    /** The handler of the hand-over topic's partitions: hand-overs to the trackers, marks to the gate. */
    PartitionHandler<TrackHandover> intake() {
        return new PartitionHandler<>() {
            @Override
            public void assigned(int partition) {
                forget(partition);
            }

            @Override
            public void replay(int partition, TrackHandover h) {
                take(partition, h);
            }

            @Override
            public void rebuilt(int partition) {
                gate.held(partition, true);
            }

            @Override
            public void accept(int partition, TrackHandover h) {
                take(partition, h);
            }

            @Override
            public void revoked(int partition) {
                forget(partition);
            }
        };
    }

    /** A hand-over partition taken (it is read again from its start) or given up: what was read of it goes. */
    private void forget(int partition) {
        gate.held(partition, false);
        synchronized (this) {
            inbox.remove(partition);
        }
    }

    private void take(int partition, TrackHandover h) {
        if (!h.carriesTrack()) {
            gate.mark(partition, h.fromPartition(), h.time());
            return;
        }
        synchronized (this) {
            if (!Integer.valueOf(partition).equals(partitionOf.get(h.toSector()))) {
                refused(h, "sector " + h.toSector() + " is not on hand-over partition " + partition);
                return;
            }
            inbox.computeIfAbsent(partition, k -> new java.util.ArrayList<>()).add(h);
            MultiSectorTracker t = trackers.get(partition);
            if (t != null) {
                receive(t, h);
            }
        }
    }

    private void receive(MultiSectorTracker t, TrackHandover h) {
        long before = t.lateHandovers();
        try {
            if (t.receive(h)) {
                received.increment();
            }
        } catch (IllegalArgumentException e) {
            refused(h, e.getMessage());
        }
        late.increment(t.lateHandovers() - before);
    }

    private void refused(TrackHandover h, String why) {
        refused.increment();
        org.slf4j.LoggerFactory.getLogger(SectorTrackers.class).warn("hand-over refused: {}", why);
    }

    private MultiSectorTracker tracker(int partition) {
        MultiSectorTracker t = trackers.get(partition);
        if (t == null) {
            throw new IllegalStateException("detection of partition " + partition + ", which is not held");
        }
        return t;
    }

    /** Publishes a tracker's track updates and the hand-overs its scans made. */
    private void send(MultiSectorTracker t, List<TrackUpdate> list) {
        TrackerService.publishBySector(out, list);
        updates.increment(list.size());
        for (TrackHandover h : t.takeHandovers()) {
            handovers.publish(Topic.HANDOVERS, h.toSector(), h);
            sent.increment();
        }
    }
}
