package kz.shekara.model;

import java.util.Locale;

/**
 * Where a unit's task is: dispatched to the unit's device, acknowledged by the crew, the unit moving
 * (en route), on scene, or ended (the incident closed or the task was withdrawn). Steps may be
 * skipped forward, never taken back.
 */
public enum TaskStatus {
    DISPATCHED, ACKNOWLEDGED, EN_ROUTE, ON_SCENE, ENDED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TaskStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** True while the unit is committed to the task (not yet ended). */
    public boolean active() {
        return this != ENDED;
    }
}
