package kz.shekara.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import kz.shekara.theatre.SectorLocator;

/**
 * The hand-overs of a {@link MultiSectorTracker}: a track moved from sector to sector when a scan places it in
 * another, and across trackers ({@link MultiSectorTracker#handOverAcross}) which sectors it owns, the tracks it takes out of the sectors it does not own (to be sent), the tracks received for
 * its own sectors, each adopted before the first scan later than its time plus the lag, and the count of those
 * received after such a scan had run. Until {@link #across} every sector is owned and nothing is exchanged. Not
 * thread-safe: its tracker's thread.
 */
final class HandoverExchange {
    private Predicate<String> owns = id -> true;
    private int partition = -1;
    private Duration lag = Duration.ZERO;
    private final List<TrackHandover> outgoing = new ArrayList<>();
    private final PriorityQueue<TrackHandover> incoming = new PriorityQueue<>(
            Comparator.comparing(TrackHandover::time).thenComparing(h -> h.track().id()));
    private final Set<String> received = new HashSet<>();
    private Instant lastScan;
    private long late;

    /** Owns only the sectors {@code owned} accepts; {@code partition} names the tracker in the hand-overs it sends. */
    void across(int partition, Predicate<String> owned, Duration lag) {
        this.partition = partition;
        this.owns = Objects.requireNonNull(owned, "owned");
        this.lag = Objects.requireNonNull(lag, "lag");
    }

    /** Whether the tracker hands tracks over to other trackers (it owns only some sectors). */
    boolean across() {
        return partition >= 0;
    }

    boolean owns(String sector) {
        return owns.test(sector);
    }

    /** The tracks sent since the last call, in the order they left. */
    List<TrackHandover> take() {
        List<TrackHandover> out = List.copyOf(outgoing);
        outgoing.clear();
        return out;
    }

    /** Keeps a track received for adoption; false for one received before (the same track at the same time). */
    boolean receive(TrackHandover h) {
        if (!received.add(h.track().id() + "@" + h.time())) {
            return false;
        }
        if (lastScan != null && lastScan.isAfter(h.time().plus(lag))) {
            late++;
        }
        incoming.add(h);
        return true;
    }

    /** Hand-overs received after a scan they were due before had run. */
    long late() {
        return late;
    }

    /**
     * Moves into their new sector the tracks of {@code updated} that a scan's update gave a detection placing them
     * there (a skipped sector's list is an older scan's); across trackers also those whose prediction crossed into
     * a sector not owned (the plots beyond the boundary go to that sector's tracker, never to this one), to be sent
     * from there. Returns how many moved.
     */
    int handOver(List<SectorTracker> updated, Map<String, SectorTracker> sectors, SectorLocator locator) {
        double[] ll = new double[2];
        List<Track> moving = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (SectorTracker s : updated) {
            List<Track> touched = s.touched();
            List<Track> candidates = touched;
            if (across()) {
                Set<Track> hit = Collections.newSetFromMap(new IdentityHashMap<>());
                hit.addAll(touched);
                candidates = new ArrayList<>(touched);
                s.predicted().stream().filter(t -> t.status != null && !hit.contains(t)).forEach(candidates::add);
            }
            for (int i = 0; i < candidates.size(); i++) {
                Track t = candidates.get(i);
                t.latLon(s.frame(), ll);
                String owner = locator.sectorOf(ll[0], ll[1]);
                boolean move = owner != null && (i < touched.size() || !owns(owner));
                if (move && !owner.equals(s.sectorId()) && sectors.containsKey(owner)) {
                    moving.add(s.remove(t));
                    targets.add(owner);
                    t.state = Handover.reframe(t.state, s.frame(), sectors.get(owner).frame());
                }
            }
        }
        for (int i = 0; i < moving.size(); i++) {
            sectors.get(targets.get(i)).adopt(moving.get(i));
        }
        return moving.size();
    }

    /** Adopts into {@code sectors} the tracks received that are due before a scan at {@code time}; returns how many. */
    int adoptDue(Instant time, Map<String, SectorTracker> sectors) {
        int adopted = 0;
        while (!incoming.isEmpty() && time.isAfter(incoming.peek().time().plus(lag))) {
            TrackHandover h = incoming.poll();
            sectors.get(h.toSector()).adopt(new Track(h.track()));
            adopted++;
        }
        return adopted;
    }

    /** A scan at {@code time} has run: what comes due before it from now on comes late. */
    void scanned(Instant time) {
        lastScan = time;
    }

    /** Takes the tracks of the sectors not owned out of them, to be sent as having left at {@code time}. */
    void sendForeign(Instant time, Collection<SectorTracker> sectors) {
        if (partition < 0) {
            return;
        }
        for (SectorTracker s : sectors) {
            if (s.liveTracks() > 0 && !owns.test(s.sectorId())) {
                for (Track t : s.inOrder()) {
                    outgoing.add(new TrackHandover(time, s.sectorId(), partition, s.remove(t).record()));
                }
            }
        }
    }
}
