package kz.shekara.track;

import java.time.Instant;

/** Role: decides whether a track should end at event time {@code time}. A query: never mutates. Immutable, thread-safe. */
public interface Deleter {
    boolean shouldDelete(TrackSummary track, Instant time);
}
