package kz.shekara.theatre;

import java.util.Locale;

/** A sector's alert posture, set by a commander; higher postures make the rules more sensitive. */
public enum Posture {
    NORMAL, ELEVATED, HIGH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Posture fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
