package kz.shekara.model;

import java.util.NoSuchElementException;

/**
 * A domain refusal of an operator's or a system's request: the thing asked about does not exist, the
 * lifecycle does not allow the step now, or the request lacks what it needs. Each carries a short
 * machine-readable {@link #code()} and a sentence for the operator; the edges answer them (HTTP 404,
 * 409, 400) and count them, while any other exception stays a failure of the system. Each extends the
 * JDK exception of the same meaning, so callers that catch those keep working.
 */
public sealed interface Refusal permits Refusal.NotFound, Refusal.Conflict, Refusal.Invalid {

    /** The machine-readable code: {@code not-found}, {@code conflict} or {@code invalid}. */
    String code();

    /** The sentence for the operator. */
    String getMessage();

    /** What was asked about does not exist (or is not visible to the asker). */
    final class NotFound extends NoSuchElementException implements Refusal {
        public NotFound(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "not-found";
        }
    }

    /** The request is well formed but the current state does not allow it. */
    final class Conflict extends IllegalStateException implements Refusal {
        public Conflict(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "conflict";
        }
    }

    /** The request lacks a needed value or gives one out of its range. */
    final class Invalid extends IllegalArgumentException implements Refusal {
        public Invalid(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "invalid";
        }
    }
}
