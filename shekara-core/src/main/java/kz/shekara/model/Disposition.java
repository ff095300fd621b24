package kz.shekara.model;

import java.util.Locale;

/** An operator's verdict when closing an alert or an incident; the effectiveness statistics count these. */
public enum Disposition {
    CONFIRMED, FALSE_ALARM, DUPLICATE, EXERCISE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Disposition fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
