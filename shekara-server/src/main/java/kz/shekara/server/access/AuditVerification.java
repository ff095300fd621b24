package kz.shekara.server.access;

import java.util.Optional;

/**
 * What {@link AuditTrail#verify()} found: how many entries it checked, the head the chain should end
 * at (the seq and hash of the last append, as recorded beside the chain), and the first break, if any.
 * Immutable.
 */
public record AuditVerification(long checked, long headSeq, String headHash, Optional<Break> firstBreak) {

    /** How the chain was broken at an entry. */
    public enum Kind {
        /** The entry's fields no longer give its hash. */
        ALTERED,
        /** An entry the trail never appended (after the head, or not following its predecessor). */
        INSERTED,
        /** The entry (and maybe those after it) is missing. */
        REMOVED
    }

    /** The first entry found altered, inserted or removed, and why. */
    public record Break(Kind kind, long seq, String detail) {
        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ": entry " + seq + ": " + detail;
        }
    }

    /** True when no entry was altered, inserted or removed. */
    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
