package kz.shekara.server.adapter.cot;

import java.time.Instant;
import java.util.Objects;

/**
 * One decoded CoT event: the {@code event} attributes, its {@code point} and the detail elements
 * Shekara understands. Position in WGS84 degrees, {@code hae} metres above the ellipsoid, {@code ce}
 * and {@code le} 1-sigma circular and linear errors in metres ({@link #UNKNOWN} = not known, as
 * TAK writes it). {@code opex} is null when absent. Immutable.
 */
public record CotEvent(String uid, String type, String how, Instant time, Instant start, Instant stale, String opex,
                       double lat, double lon, double hae, double ce, double le, CotDetail detail) {

    /** The value TAK uses for an unknown height or error. */
    public static final double UNKNOWN = 9_999_999.0;

    public CotEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stale, "stale");
        Objects.requireNonNull(detail, "detail");
    }

    /** True for the TAK "exercise" and "simulation" operational-exercise codes. */
    public boolean isExercise() {
        return opex != null && (opex.startsWith("e") || opex.startsWith("s"));
    }

    /** True when the circular error is a usable number of metres. */
    public boolean hasCe() {
        return ce > 0 && ce < UNKNOWN;
    }
}
