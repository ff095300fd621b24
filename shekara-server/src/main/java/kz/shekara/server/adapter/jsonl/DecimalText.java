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

    static String round(double v, int places) {
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
