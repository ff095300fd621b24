package kz.shekara.model;

import java.util.Locale;

/**
 * The rule that raised an alert. {@link #code()} is the name used in YAML, JSONL and the API. An
 * alert is of one of two classes ({@link #alertClass()}): operational (something happened at the
 * border: it opens or joins an incident) or sensor health (a sensor fell silent or failed, and is
 * back when it reports again: its own board, never an incident).
 */
public enum RuleKind {
    BORDER_CROSSING, APPROACH, LOITERING, SPEED, SENSOR_ALARM, SENSOR_SILENT, UNIT_EMERGENCY, SECTOR_VOID;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the rules about the sensors themselves rather than what they see. */
    public boolean sensorHealth() {
        return this == SENSOR_SILENT;
    }

    /** The alert class as the API and files write it: {@code sensor-health} or {@code operational}. */
    public String alertClass() {
        return sensorHealth() ? "sensor-health" : "operational";
    }

    public static RuleKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
