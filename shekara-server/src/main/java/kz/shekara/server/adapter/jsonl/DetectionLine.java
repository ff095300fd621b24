package kz.shekara.server.adapter.jsonl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import kz.shekara.model.Detection;
import kz.shekara.model.EventTimes;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;

/**
 * Reads the usual detection line straight into a {@link Detection}, without a JSON tree: one flat
 * object with {@code time} in seconds, {@code sensor}, {@code lat}, {@code lon}, {@code sigma_m} and
 * optionally {@code kind}, each key once, other keys ignored when their values are plain, every
 * string free of escapes and every number a plain decimal. Anything else, and any line the tree
 * path would refuse (missing or mistyped fields, values out of range, unknown kinds, heartbeats,
 * ISO-8601 times), is not read here: {@link #read} answers null and the caller decodes the line
 * through the tree, whose answer or error stands. The detection is the one the tree path gives, bit
 * for bit. Stateless; thread-safe.
 */
final class DetectionLine {
    private static final int TIME = 0;
    private static final int SENSOR = 1;
    private static final int LAT = 2;
    private static final int LON = 3;
    private static final int SIGMA = 4;
    private static final int KIND = 5;
    /** The known keys, at their fields' indices. */
    private static final String[] KEYS = {"time", "sensor", "lat", "lon", "sigma_m", "kind"};
    private static final int REQUIRED = (1 << TIME) | (1 << SENSOR) | (1 << LAT) | (1 << LON) | (1 << SIGMA);
    /** Up to this many digits a decimal's digits fit a double exactly (below 2^53). */
    private static final int EXACT_DIGITS = 15;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };
    private static final long[] LONG_POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    };

    private DetectionLine() {
    }

    /** The detection on the line, or null if the line is not of the usual shape or would be refused. */
    static Detection read(String s, Instant epoch, Marking marking) {
        int n = s.length();
        int i = FlatJsonReader.skipSpace(s, 0);
        if (i >= n || s.charAt(i) != '{') {
            return null;
        }
        Fields f = new Fields();
        i = FlatJsonReader.skipSpace(s, i + 1);
        while (true) {
            int end = member(s, i, f);
            if (end < 0) {
                return null;
            }
            i = FlatJsonReader.skipSpace(s, end);
            if (i >= n) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '}') {
                return FlatJsonReader.skipSpace(s, i + 1) == n ? f.detection(epoch, marking) : null;
            }
            if (c != ',') {
                return null;
            }
            i = FlatJsonReader.skipSpace(s, i + 1);
        }
    }

    /** The known fields of one line as read so far. */
    private static final class Fields {
        int seen;
        long nanos;
        String sensor;
        String kind;
        double lat;
        double lon;
        double sigma;

        /** The detection these fields give, or null if the tree path would refuse them. */
        Detection detection(Instant epoch, Marking marking) {
            if ((seen & REQUIRED) != REQUIRED || sensor.isBlank()) {
                return null;
            }
            try {
                Instant time = epoch.plus(Duration.ofNanos(nanos));
                if (!EventTimes.inRange(time)) {
                    return null;
                }
                SensorKind k = kind == null ? SensorKind.OTHER : SensorKind.fromCode(kind);
                return new Detection(time, sensor, k, lat, lon, sigma, marking);
            } catch (RuntimeException refused) {
                return null; // the tree path refuses it with its own reason
            }
        }
    }

    /**
     * Reads the member (key and value) at {@code i} into {@code f}: where it ends, or -1 to leave the
     * line to the tree.
     */
    private static int member(String s, int i, Fields f) {
        int n = s.length();
        if (i >= n || s.charAt(i) != '"') {
            return -1;
        }
        int keyEnd = FlatJsonReader.stringEnd(s, i + 1);
        if (keyEnd < 0) {
            return -1;
        }
        int field = field(s, i + 1, keyEnd);
        if (field >= 0) {
            if ((f.seen & (1 << field)) != 0) {
                return -1;
            }
            f.seen |= 1 << field;
        } else if (s.startsWith("heartbeat\"", i + 1)) {
            return -1;
        }
        i = FlatJsonReader.skipSpace(s, keyEnd + 1);
        if (i >= n || s.charAt(i) != ':') {
            return -1;
        }
        i = FlatJsonReader.skipSpace(s, i + 1);
        if (i >= n) {
            return -1;
        }
        return field < 0 ? FlatJsonReader.valueEnd(s, i) : value(s, i, field, f);
    }

    /** Reads the value of a known field at {@code i} into {@code f}; where it ends, or -1. */
    private static int value(String s, int i, int field, Fields f) {
        if (field == SENSOR || field == KIND) {
            if (field == KIND && s.startsWith("null", i)) {
                return i + 4;
            }
            int end = s.charAt(i) == '"' ? FlatJsonReader.stringEnd(s, i + 1) : -1;
            if (end < 0) {
                return -1;
            }
            String text = s.substring(i + 1, end);
            if (field == SENSOR) {
                f.sensor = text;
            } else {
                f.kind = text;
            }
            return end + 1;
        }
        int end = FlatJsonReader.numberEnd(s, i);
        if (end < 0) {
            return -1;
        }
        switch (field) {
            case TIME -> {
                f.nanos = nanos(s, i, end);
                if (f.nanos == Long.MIN_VALUE) {
                    return -1;
                }
            }
            case LAT -> f.lat = decimal(s, i, end);
            case LON -> f.lon = decimal(s, i, end);
            default -> f.sigma = decimal(s, i, end);
        }
        return end;
    }

    /** Which known field the key between {@code from} and {@code to} is, or -1. */
    private static int field(String s, int from, int to) {
        for (int f = 0; f < KEYS.length; f++) {
            if (to - from == KEYS[f].length() && s.startsWith(KEYS[f], from)) {
                return f;
            }
        }
        return -1;
    }

    /**
     * The time in nanoseconds from the epoch that the tree path computes for the number text (the
     * decimal of the double it reads, to the nearest nanosecond, ties to even), or Long.MIN_VALUE when
     * the text is out of the accepted range.
     */
    private static long nanos(String s, int start, int end) {
        int dot = s.indexOf('.', start);
        if (dot < 0 || dot >= end) {
            int digits = end - start - (s.charAt(start) == '-' ? 1 : 0);
            if (digits <= 9) {
                return Long.parseLong(s, start, end, 10) * NANOS_PER_SECOND;
            }
        } else if (end - start - (s.charAt(start) == '-' ? 2 : 1) <= EXACT_DIGITS && end - dot - 1 <= 9
                && dot - start <= 9) {
            // At most 15 digits: the double's shortest decimal is this very number, so it is exact here.
            boolean negative = s.charAt(start) == '-';
            long whole = Long.parseLong(s, negative ? start + 1 : start, dot, 10);
            long fraction = Long.parseLong(s, dot + 1, end, 10) * LONG_POWERS_OF_TEN[9 - (end - dot - 1)];
            long v = whole * NANOS_PER_SECOND + fraction;
            return negative ? -v : v;
        }
        // Other shapes: the tree path's own arithmetic (a whole number is read as a long, else as a double).
        String text = s.substring(start, end);
        boolean whole = dot < 0 || dot >= end;
        double d = whole ? (double) Long.parseLong(text) : Double.parseDouble(text);
        if (!Double.isFinite(d) || Math.abs(d) > JsonlCodec.MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        BigDecimal seconds = whole ? BigDecimal.valueOf(Long.parseLong(text)) : BigDecimal.valueOf(d);
        try {
            return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The double nearest the plain decimal text, as {@link Double#parseDouble} reads it. */
    private static double decimal(String s, int start, int end) {
        boolean negative = s.charAt(start) == '-';
        int i = negative ? start + 1 : start;
        long digits = 0;
        int count = 0;
        int fractionDigits = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                fraction = true;
                continue;
            }
            digits = digits * 10 + (c - '0');
            count++;
            if (fraction) {
                fractionDigits++;
            }
        }
        if (!fraction) {
            // A whole number is read as a long, so "-0" is 0.0, not -0.0.
            return (double) Long.parseLong(s, start, end, 10);
        }
        if (count > EXACT_DIGITS) {
            return Double.parseDouble(s.substring(start, end));
        }
        // Both the digits and the power of ten are exact doubles: one division rounds correctly.
        double v = digits / POWERS_OF_TEN[fractionDigits];
        return negative ? -v : v;
    }
}
