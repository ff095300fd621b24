package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.track.TrackerService;
import kz.shekara.server.kafka.PartitionHandler;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;

/**
 * A tracker worker of a Kafka cluster: one {@link MultiSectorTracker} per observations partition it
 * holds (detections are keyed by the sector they lie in, so a partition is a fixed set of sectors and
 * every track id {@code sector-n} is made by the one tracker that owns its sector), fed that partition's
 * detections in offset order, publishing its live track updates on {@link Topic#TRACKS}. A tracker's
 * output depends only on its partition's records, so whichever worker holds a partition, and however
 * often it moved, the tracks are the same: a partition taken over is rebuilt by replaying its records
 * up to the committed offset with nothing sent ({@link PartitionHandler#replay}), the next owner sends
 * again what its predecessor sent after its last commit (equal updates, dropped by consumers), and a
 * track id is neither made twice nor lost. Buffered scans are not flushed when a partition leaves (its
 * next owner rebuilds them). A track that moves into a sector of another partition is handed over only
 * within its own tracker, where it coasts out; the other partition's tracker starts its own track
 * (hand-over on a topic is not built). Meters: {@code shekara.tracker.detections},
 * {@code shekara.tracker.updates}, {@code shekara.tracker.replayed}, {@code shekara.tracker.partitions}.
 * Thread-safe: the subscription's thread calls it; the gauge reads a volatile count.
 */
final class SectorTrackers implements PartitionHandler<Detection> {
    private final TrackerConfig config;
    private final Theatre theatre;
    private final SectorLocator sectors;
    private final Bus out;
    private final Map<Integer, MultiSectorTracker> trackers = new HashMap<>();
    private final Counter detections;
    private final Counter updates;
    private final Counter replayed;
    private volatile int held;

    SectorTrackers(TrackerConfig config, Theatre theatre, Bus out, MeterRegistry meters) {
        this.config = config;
        this.theatre = theatre;
        this.sectors = new SectorLocator(theatre);
        this.out = out;
        this.detections = meters.counter("shekara.tracker.detections");
        this.updates = meters.counter("shekara.tracker.updates");
        this.replayed = meters.counter("shekara.tracker.replayed");
        Gauge.builder("shekara.tracker.partitions", this, t -> t.held).register(meters);
    }

    @Override
    public synchronized void assigned(int partition) {
        trackers.put(partition, new MultiSectorTracker(config, theatre.sectors(), sectors,
                MultiSectorTracker.Mode.LIVE));
        held = trackers.size();
    }

    @Override
    public synchronized void replay(int partition, Detection d) {
        tracker(partition).accept(d);
        replayed.increment();
    }

    @Override
    public synchronized void accept(int partition, Detection d) {
        detections.increment();
        publish(tracker(partition).accept(d));
    }

    @Override
    public synchronized void revoked(int partition) {
        trackers.remove(partition);
        held = trackers.size();
    }

    /** The partitions held now. */
    synchronized List<Integer> partitions() {
        return trackers.keySet().stream().sorted().toList();
    }

    private MultiSectorTracker tracker(int partition) {
        MultiSectorTracker t = trackers.get(partition);
        if (t == null) {
            throw new IllegalStateException("detection of partition " + partition + ", which is not held");
        }
        return t;
    }

    private void publish(List<TrackUpdate> list) {
        TrackerService.publishBySector(out, list);
        updates.increment(list.size());
    }
}
