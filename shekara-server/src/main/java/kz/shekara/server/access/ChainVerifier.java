package kz.shekara.server.access;

import java.util.Optional;

/**
 * Walks the audit trail's entries in seq order against the recorded head and finds the first break:
 * an entry whose fields no longer give its hash (altered), an entry past the head or not following its
 * predecessor (inserted), a gap in seq or a head past the last entry (removed). Not thread-safe.
 */
final class ChainVerifier {
    private final long headSeq;
    private final String headHash;
    private long expectedSeq = 1;
    private String prevHash = AuditEntry.GENESIS;
    private long checked;
    private AuditVerification.Break found;

    ChainVerifier(long headSeq, String headHash) {
        this.headSeq = headSeq;
        this.headHash = headHash;
    }

    /** Checks the next entry; returns false once a break is found (the rest need not be read). */
    boolean accept(AuditEntry e) {
        if (found != null) {
            return false;
        }
        checked++;
        if (e.seq() > headSeq) {
            found = brk(AuditVerification.Kind.INSERTED, e.seq(), "after the head of the chain (seq " + headSeq + ")");
        } else if (e.seq() < expectedSeq) {
            found = brk(AuditVerification.Kind.INSERTED, e.seq(), "seq below " + expectedSeq);
        } else if (e.seq() > expectedSeq) {
            found = brk(AuditVerification.Kind.REMOVED, expectedSeq, expectedSeq == e.seq() - 1
                    ? "missing (next present: " + e.seq() + ")"
                    : "missing with those up to " + (e.seq() - 1));
        } else if (!e.computedHash().equals(e.hash())) {
            found = brk(AuditVerification.Kind.ALTERED, e.seq(), "its fields no longer give its hash");
        } else if (!e.prevHash().equals(prevHash)) {
            found = brk(AuditVerification.Kind.INSERTED, e.seq(), "does not follow entry " + (e.seq() - 1)
                    + " (prev_hash differs): inserted, or entry " + (e.seq() - 1) + " replaced and re-hashed");
        }
        if (found != null) {
            return false;
        }
        prevHash = e.hash();
        expectedSeq = e.seq() + 1;
        return true;
    }

    /** The outcome, after the last entry. */
    AuditVerification result() {
        AuditVerification.Break b = found;
        long last = expectedSeq - 1;
        if (b == null && last < headSeq) {
            b = brk(AuditVerification.Kind.REMOVED, last + 1, last + 1 == headSeq ? "missing (the head of the chain)"
                    : "missing with those up to the head of the chain (seq " + headSeq + ")");
        } else if (b == null && !prevHash.equals(headHash)) {
            b = brk(AuditVerification.Kind.ALTERED, last, "its hash differs from the head of the chain");
        }
        return new AuditVerification(checked, headSeq, headHash, Optional.ofNullable(b));
    }

    private static AuditVerification.Break brk(AuditVerification.Kind kind, long seq, String detail) {
        return new AuditVerification.Break(kind, seq, detail);
    }
}
