package kz.shekara.model;

import java.util.Locale;

/** The rule that raised an alert. {@link #code()} is the name used in YAML, JSONL and the API. */
public enum RuleKind {
    BORDER_CROSSING, APPROACH, LOITERING, SPEED, SENSOR_ALARM, SENSOR_SILENT, UNIT_EMERGENCY, SECTOR_VOID;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RuleKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
