package kz.shekara.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import kz.shekara.i18n.Messages;

/**
 * Numbers, distances, speeds, spans and times written for one language (kk, ru or en): decimal comma
 * and no-break-space thousands in Kazakh and Russian, point and comma in English (as CLDR has them);
 * metres below 1 km, kilometres from there (one decimal below 10 km); spans as hours, minutes and seconds with each language's
 * abbreviations from the message catalogue; times of day as HH:mm:ss at a UTC offset, with the date (dd.MM.yyyy in kk and ru,
 * yyyy-MM-dd in en) when it is not the reference day. Immutable and thread-safe.
 */
final class LocalFormat {
    private final String lang;
    private final ZoneOffset offset;
    private final Messages messages;

    LocalFormat(String lang, ZoneOffset offset) {
        this.lang = lang;
        this.offset = offset;
        this.messages = Messages.of(lang);
    }

    private boolean english() {
        return lang.equals("en");
    }

    /** {@code v} with {@code decimals} places, grouped by thousands. */
    String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(english() ? ',' : '\u00a0');
            }
            b.append(whole.charAt(i));
        }
        if (dot >= 0) {
            b.append(english() ? '.' : ',').append(digits, dot + 1, digits.length());
        }
        return (negative ? "-" : "") + b;
    }

    String metres(double m) {
        return m >= 1000 ? number(m / 1000, m >= 9_950 ? 0 : 1) + " " + unit("km")
                : number(Math.round(m), 0) + " " + unit("m");
    }

    String speed(double mps) {
        return number(mps, 1) + " " + unit("mps");
    }

    String span(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        String hour = unit("h");
        String min = unit("min");
        String second = unit("s");
        if (h > 0) {
            return h + " " + hour + (m > 0 ? String.format(Locale.ROOT, " %02d %s", m, min) : "");
        }
        if (m > 0) {
            return m + " " + min + (sec > 0 ? String.format(Locale.ROOT, " %02d %s", sec, second) : "");
        }
        return sec + " " + second;
    }

    /** The time of day at the offset, with the date when it is not {@code reference}'s day there. */
    String time(Instant t, Instant reference) {
        LocalDateTime l = LocalDateTime.ofInstant(t, offset);
        String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", l.getHour(), l.getMinute(), l.getSecond());
        String zone = offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
        if (LocalDateTime.ofInstant(reference, offset).toLocalDate().equals(l.toLocalDate())) {
            return clock + " " + zone;
        }
        String date = english() ? String.format(Locale.ROOT, "%04d-%02d-%02d", l.getYear(), l.getMonthValue(), l.getDayOfMonth())
                : String.format(Locale.ROOT, "%02d.%02d.%04d", l.getDayOfMonth(), l.getMonthValue(), l.getYear());
        return date + " " + clock + " " + zone;
    }

    /** A unit's abbreviation in this language, from the message catalogue ({@code unit.*}). */
    private String unit(String key) {
        return messages.text("unit." + key);
    }
}
