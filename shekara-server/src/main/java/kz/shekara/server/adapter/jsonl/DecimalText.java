package kz.shekara.server.adapter.jsonl;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A double rounded to a number of decimal places, half to even, as plain JSON number text with no
 * trailing zeros: exactly what {@code BigDecimal.valueOf(v).setScale(places, HALF_EVEN)
 * .stripTrailingZeros().toPlainString()} gives, without the {@code BigDecimal}s. It rounds the
 * shortest decimal form of the double ({@link Double#toString}), as {@code BigDecimal.valueOf} does,
 * so that both agree digit for digit; forms in scientific notation take the {@code BigDecimal} path.
 */
final class DecimalText {
    private DecimalText() {
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    static String round(double v, int places) {
        StringBuilder out = new StringBuilder(24);
        append(out, v, places);
        return out.toString();
    }

    /** Appends {@link #round(double, int)}'s text to {@code out}; allocates nothing away from a half. */
    static void append(StringBuilder out, double v, int places) {
        if (places < POW10.length) {
            // Away from a half, the double and its shortest decimal form round alike: their distance
            // (half an ulp, scaled) and the product's error are both below 3e-7 of a last place here.
            double x = Math.abs(v) * POW10[places];
            if (x < 2e9) {
                double frac = x - (long) x; // x >= 0: the cast is the floor, without Math.floor's call
                if (Math.abs(frac - 0.5) > 1e-6) {
                    digits(out, v < 0, Math.round(x), places);
                    return;
                }
            }
        }
        out.append(exact(v, places));
    }

    /** The number {@code units / 10^places}, negative if asked and not zero, without trailing zeros. */
    private static void digits(StringBuilder out, boolean negative, long units, int places) {
        if (units == 0) {
            out.append('0');
            return;
        }
        long whole = units / POW10[places];
        long frac = units % POW10[places];
        int p = places;
        while (p > 0 && frac % 10 == 0) {
            frac /= 10;
            p--;
        }
        if (negative) {
            out.append('-');
        }
        out.append(whole);
        if (p > 0) {
            out.append('.');
            for (long bound = POW10[p - 1]; bound > 1 && frac < bound; bound /= 10) {
                out.append('0');
            }
            out.append(frac);
        }
    }

    /** Rounds the shortest decimal form of {@code v} digit by digit. */
    static String exact(double v, int places) {
        String s = Double.toString(v);
        if (s.indexOf('E') >= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return slow(v, places);
        }
        boolean negative = s.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int dot = s.indexOf('.');
        // digits without the point; the point sits after intLen digits
        int intLen = dot - start;
        char[] d = new char[s.length() - start - 1];
        s.getChars(start, dot, d, 0);
        s.getChars(dot + 1, s.length(), d, intLen);
        int keep = Math.min(d.length, intLen + places);
        if (keep < d.length && roundsUp(d, keep)) {
            int i = keep - 1;
            while (i >= 0 && d[i] == '9') {
                d[i] = '0';
                i--;
            }
            if (i >= 0) {
                d[i]++;
            } else {
                char[] wider = new char[d.length + 1];
                wider[0] = '1';
                System.arraycopy(d, 0, wider, 1, d.length);
                d = wider;
                intLen++;
                keep++;
            }
        }
        int end = keep;
        while (end > intLen && d[end - 1] == '0') {
            end--;
        }
        int first = 0;
        while (first < intLen - 1 && d[first] == '0') {
            first++;
        }
        boolean zero = true;
        for (int i = first; i < end; i++) {
            if (d[i] != '0') {
                zero = false;
                break;
            }
        }
        if (zero) {
            return "0";
        }
        StringBuilder out = new StringBuilder(end - first + 2);
        if (negative) {
            out.append('-');
        }
        out.append(d, first, intLen - first);
        if (end > intLen) {
            out.append('.').append(d, intLen, end - intLen);
        }
        return out.toString();
    }

    /**
     * A duration in seconds rounded to milliseconds, half to even, plain with no trailing zeros: what
     * {@code (seconds + nanos / 1e9)} as a {@code BigDecimal} rounded that way prints.
     */
    static String seconds(java.time.Duration d) {
        long s = d.getSeconds();
        if (s < 0) {
            return BigDecimal.valueOf(s).add(BigDecimal.valueOf(d.getNano(), 9)).setScale(3, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString();
        }
        int nano = d.getNano();
        int ms = nano / 1_000_000;
        int rest = nano % 1_000_000;
        if (rest > 500_000 || (rest == 500_000 && ms % 2 == 1)) {
            ms++;
        }
        if (ms == 1000) {
            s++;
            ms = 0;
        }
        if (ms == 0) {
            return Long.toString(s);
        }
        String frac = Integer.toString(1000 + ms).substring(1);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') {
            end--;
        }
        return s + "." + frac.substring(0, end);
    }

    /** Half to even at digit {@code keep}: above half, or exactly half and the last kept digit odd. */
    private static boolean roundsUp(char[] d, int keep) {
        char dropped = d[keep];
        if (dropped != '5') {
            return dropped > '5';
        }
        for (int i = keep + 1; i < d.length; i++) {
            if (d[i] != '0') {
                return true;
            }
        }
        return keep > 0 && (d[keep - 1] - '0') % 2 == 1;
    }

    private static String slow(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
