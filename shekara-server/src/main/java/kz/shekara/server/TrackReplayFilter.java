package kz.shekara.server;

import java.util.HashMap;
import java.util.Map;
import kz.shekara.model.TrackUpdate;

/**
 * Makes a consumer of track updates idempotent: an update is fresh when it is later than the last
 * one taken of its track, or at the same time but different; an update sent again (a tracker worker
 * that took over a partition re-handles the records after the last commit and sends the same updates
 * again) is not. Keeps the last update of every track it has seen, ended ones too (so that an ended
 * track's earlier updates sent again are still known): memory grows with the tracks of the run.
 * Thread-safe.
 */
final class TrackReplayFilter {
    private final Map<String, TrackUpdate> last = new HashMap<>();
    private long dropped;

    /** Whether {@code u} is new to this consumer; if so it becomes its track's last. */
    synchronized boolean fresh(TrackUpdate u) {
        TrackUpdate before = last.get(u.track());
        if (before != null && (u.time().isBefore(before.time()) || u.equals(before))) {
            dropped++;
            return false;
        }
        last.put(u.track(), u);
        return true;
    }

    /** Updates not passed on. */
    synchronized long dropped() {
        return dropped;
    }
}
