package kz.shekara.model;

import java.util.Locale;

/**
 * Where an incident is in its lifecycle: open → assigned → en route → on scene → resolved, or false
 * alarm from any open state. Steps may be skipped forward, never taken back.
 */
public enum IncidentStatus {
    OPEN, ASSIGNED, EN_ROUTE, ON_SCENE, RESOLVED, FALSE_ALARM;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static IncidentStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public boolean terminal() {
        return this == RESOLVED || this == FALSE_ALARM;
    }

    /** True when an incident in this status may move to {@code next}. */
    public boolean canMoveTo(IncidentStatus next) {
        if (terminal()) {
            return false;
        }
        return next == FALSE_ALARM || next.ordinal() > ordinal();
    }
}
