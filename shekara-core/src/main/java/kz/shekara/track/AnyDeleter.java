package kz.shekara.track;

import java.time.Instant;
import java.util.List;

/** Deletes a track when any of its deleters would. Immutable, thread-safe. */
public final class AnyDeleter implements Deleter {
    private final List<Deleter> deleters;

    public AnyDeleter(List<Deleter> deleters) {
        this.deleters = List.copyOf(deleters);
    }

    @Override
    public boolean shouldDelete(TrackSummary track, Instant time) {
        for (Deleter d : deleters) {
            if (d.shouldDelete(track, time)) {
                return true;
            }
        }
        return false;
    }
}
