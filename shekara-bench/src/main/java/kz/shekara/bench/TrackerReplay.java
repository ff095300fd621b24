package kz.shekara.bench;

import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import kz.shekara.model.Detection;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.track.TrackerService;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.ReorderBuffer;
import kz.shekara.track.Scan;
import kz.shekara.track.TrackerConfig;

/**
 * After an {@link AlertLatencyBench} run on the logged bus: the detections the live tracker took (the
 * log up to its checkpoint's seq) run again, in seq order, through a fresh tracker of the same
 * configuration, and the scans they make are counted. The live tracker's output is a function of its
 * input when the replay sends the same number of track updates and drops the same plots as late; then
 * two runs of one command that differ in those counts differed in their input (the log's order), not in
 * the tracker.
 */
final class TrackerReplay {
    private TrackerReplay() {
    }

    static String report(EventLog log, TrackerService live, Theatre theatre, double liveUpdates, double liveLate) {
        var at = live.checkpoint();
        if (at.isEmpty()) {
            return "  replay of the log: the live tracker took no detection\n";
        }
        long upTo = at.get().seq();
        long t0 = System.nanoTime();
        MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS, theatre.sectors(),
                new SectorLocator(theatre), MultiSectorTracker.Mode.LIVE);
        ReorderBuffer scans = new ReorderBuffer(TrackerConfig.DEFAULTS.reorderWindow());
        long detections = 0;
        long updates = 0;
        long[] scanFigures = new long[3]; // scans, plots in them, the most plots in one
        try (Stream<StoredEvent> events = log.readAfter(0)) {
            Iterator<StoredEvent> it = events.iterator();
            while (it.hasNext()) {
                StoredEvent e = it.next();
                if (e.seq() > upTo) {
                    break;
                }
                if (e.topic().equals(Topic.OBSERVATIONS.name()) && e.event() instanceof Detection d) {
                    detections++;
                    updates += tracker.accept(d).size();
                    count(scans.add(d, !d.kind().isAlarm()), scanFigures);
                }
            }
        }
        updates += tracker.flush().size();
        count(scans.flush(), scanFigures);
        boolean same = updates == (long) liveUpdates && tracker.lateDetections() == (long) liveLate;
        return String.format(Locale.ROOT, "  replay of the log up to seq %,d (%,d detections) through a fresh tracker, %.1f s:"
                        + " %,d track updates (live %,.0f), %,d late (live %,.0f): %s; %,d scans, %.1f plots per scan,"
                        + " most %,d%n", upTo, detections, (System.nanoTime() - t0) / 1e9, updates, liveUpdates,
                tracker.lateDetections(), liveLate, same ? "the same" : "DIFFERENT", scanFigures[0],
                scanFigures[0] == 0 ? 0 : scanFigures[1] / (double) scanFigures[0], scanFigures[2]);
    }

    private static void count(java.util.List<Scan> released, long[] figures) {
        for (Scan s : released) {
            figures[0]++;
            figures[1] += s.detections().size();
            figures[2] = Math.max(figures[2], s.detections().size());
        }
    }
}
