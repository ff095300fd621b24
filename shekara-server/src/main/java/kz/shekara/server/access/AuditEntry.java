package kz.shekara.server.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One row of the audit trail. {@code time} is the wall-clock instant of the act (stored as
 * nanoseconds since 1970-01-01T00:00Z); {@code hash} is {@link #hashOf} over the other fields, and
 * {@code prevHash} the hash of the entry before ({@link #GENESIS} for seq 1). Immutable.
 *
 * <p>The canonical form hashed (docs/audit.md): the UTF-8 bytes of the fields, in the order
 * {@value #FORMAT}, seq, time, actor, action, target, outcome, address, prevHash, each preceded by its
 * byte length as a 4-byte big-endian integer; seq and time (in nanoseconds) are written as decimal
 * ASCII digits, prevHash as 64 lower-case hex digits.
 */
public record AuditEntry(long seq, Instant time, String actor, String action, String target, String outcome,
                         String address, String prevHash, String hash) {
    /** The prevHash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    /** The first field of the canonical form, naming its version. */
    public static final String FORMAT = "shekara-audit-1";
    private static final long NANOS = 1_000_000_000L;

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry following {@code prevHash} at {@code seq}, its hash computed; null texts become empty. */
    public static AuditEntry chained(long seq, Instant time, String actor, String action, String target,
                                     String outcome, String address, String prevHash) {
        AuditEntry e = new AuditEntry(seq, time, text(actor), text(action), text(target), text(outcome), text(address),
                prevHash, "");
        return e.withHash(e.computedHash());
    }

    private AuditEntry withHash(String h) {
        return new AuditEntry(seq, time, actor, action, target, outcome, address, prevHash, h);
    }

    /** The hash this entry's fields give now; differs from {@link #hash()} when a field was changed. */
    public String computedHash() {
        return hashOf(seq, timeNanos(time), actor, action, target, outcome, address, prevHash);
    }

    /** SHA-256 over the canonical form (see the type's description), as 64 lower-case hex digits. */
    public static String hashOf(long seq, long timeNanos, String actor, String action, String target, String outcome,
                                String address, String prevHash) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(256);
        for (String field : new String[] {FORMAT, Long.toString(seq), Long.toString(timeNanos), actor, action, target,
            outcome, address, prevHash}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            canonical.write(b.length >>> 24);
            canonical.write(b.length >>> 16);
            canonical.write(b.length >>> 8);
            canonical.write(b.length);
            canonical.writeBytes(b);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Nanoseconds since 1970-01-01T00:00Z (exact to the year 2262). */
    public static long timeNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
    }

    /** The instant of {@link #timeNanos}. */
    public static Instant fromNanos(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, NANOS), Math.floorMod(ns, NANOS));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
