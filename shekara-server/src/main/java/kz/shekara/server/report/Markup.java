package kz.shekara.server.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Text and number formatting shared by the report's HTML and SVG: XML escaping, fixed decimals, durations. */
final class Markup {
    private Markup() {
    }

    /** The text escaped for XML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number with at most {@code places} decimals, half-even, no trailing zeros, no exponent. */
    static String num(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A coordinate in SVG user units: one decimal. */
    static String xy(double v) {
        return num(v, 1);
    }

    /** Seconds as h:mm:ss or m:ss (rounded to the second); "—" for NaN. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "—";
        }
        long s = Math.round(seconds);
        String sign = s < 0 ? "-" : "";
        s = Math.abs(s);
        long h = s / 3600;
        long m = s % 3600 / 60;
        long r = s % 60;
        return h > 0 ? String.format(java.util.Locale.ROOT, "%s%d:%02d:%02d", sign, h, m, r)
                : String.format(java.util.Locale.ROOT, "%s%d:%02d", sign, m, r);
    }
}
