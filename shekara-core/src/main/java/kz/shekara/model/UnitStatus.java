package kz.shekara.model;

import java.util.Locale;

/** Where a response unit is in its duty cycle. */
public enum UnitStatus {
    AVAILABLE, TASKED, EN_ROUTE, ON_SCENE, RETURNING, UNAVAILABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UnitStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
