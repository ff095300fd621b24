package kz.shekara.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.SectorNeighbours;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackHandover;
import kz.shekara.track.TrackerConfig;

/**
 * The progress marks of a tracker worker's partitions (see {@link HandoverGate}): per partition held, what
 * its tracker can promise ({@link MultiSectorTracker#progress}: the latest detection time it was fed, or
 * more when its next detection is known and later), sent on {@link Topic#HANDOVERS} to the partitions that may take a
 * track from it (its neighbours, whichever worker holds them, this one included) when it has moved on by
 * the mark interval, and whenever the worker asks (a partition held back, or nothing to do): a worker waiting
 * for another's mark never waits for one that other could have sent.
 *
 * <p>Neighbours: partition {@code d} may take a track from partition {@code s} when a sector of {@code d}
 * lies near a sector of {@code s} ({@link SectorNeighbours}), nearer than {@link #reachM} (a track's estimate
 * stays in the sector its position files it under, as the {@link SectorLocator} files points up to its reach
 * beyond every polygon; it takes plots up to the tracker's overlap beyond that, and coasts at most the
 * vehicle speed times the longest coast). Not thread-safe: {@link SectorTrackers} calls it under its lock.
 */
final class HandoverMarks {
    private final Bus handovers;
    private final Duration every;
    /** Per partition, the sector its marks are keyed by (it lands them on that partition of the topic). */
    private final Map<Integer, String> keySector;
    private final Map<Integer, Set<Integer>> neighbours;
    private final Map<Integer, Instant> fed = new HashMap<>();
    private final Map<Integer, Instant> marked = new HashMap<>();

    HandoverMarks(Bus handovers, Map<Integer, String> keySector, Map<Integer, Set<Integer>> neighbours, Duration every) {
        this.handovers = handovers;
        this.keySector = Map.copyOf(keySector);
        this.neighbours = Map.copyOf(neighbours);
        this.every = every;
    }

    /**
     * The partitions that may take a track from each partition: those with a sector within {@link #reachM}
     * of one of its sectors (never itself).
     */
    static Map<Integer, Set<Integer>> neighbours(Theatre theatre, TrackerConfig config, SectorLocator locator,
                                                 Map<String, Integer> partitionOf) {
        SectorNeighbours near = SectorNeighbours.within(theatre, reachM(config, locator));
        Map<Integer, Set<Integer>> out = new TreeMap<>();
        partitionOf.forEach((sector, p) -> {
            Set<Integer> set = out.computeIfAbsent(p, k -> new TreeSet<>());
            for (String n : near.of(sector)) {
                Integer q = partitionOf.get(n);
                if (q != null && !q.equals(p)) {
                    set.add(q);
                }
            }
        });
        return out;
    }

    /**
     * How near two sectors must lie for a track to move from one to the other between two scans, metres: a
     * position up to the locator's reach beyond every polygon is filed under the nearest (so both sectors'
     * reach, and the gap between them), plus the tracker's overlap (plots a track takes beyond its sector)
     * and a vehicle's coast ({@code vehicleMaxMps} times {@code maxCoast}).
     */
    static double reachM(TrackerConfig config, SectorLocator locator) {
        return 2 * locator.reachM() + config.overlapM() + config.vehicleMaxMps() * config.maxCoast().toMillis() / 1000.0;
    }

    /** The partitions {@code p}'s marks go to. */
    Set<Integer> to(int p) {
        return neighbours.getOrDefault(p, Set.of());
    }

    /** Partition {@code p} is taken (rebuilt from its start) or given up: what was noted of it goes. */
    void forget(int p) {
        fed.remove(p);
        marked.remove(p);
    }

    /** Notes what partition {@code p}'s marks may say ({@link MultiSectorTracker#progress}; null: nothing yet). */
    void progress(int p, Instant f) {
        if (f != null) {
            fed.merge(p, f, (a, b) -> b.isAfter(a) ? b : a);
        }
    }

    /** Sends partition {@code p}'s progress to its neighbours: when it moved on by the interval, or ({@code force}) at all. */
    void send(int p, boolean force) {
        Instant f = fed.get(p);
        Instant last = marked.get(p);
        if (handovers == null || f == null || last != null && (force ? !f.isAfter(last) : f.isBefore(last.plus(every)))) {
            return;
        }
        marked.put(p, f);
        for (int d : to(p)) {
            String key = keySector.get(d);
            handovers.publish(Topic.HANDOVERS, key, TrackHandover.mark(f, key, p));
        }
    }

    /** Sends the progress of every partition of {@code held} that moved on since its last mark. */
    void sendAll(Collection<Integer> held) {
        for (int p : held) {
            send(p, true);
        }
    }
}
