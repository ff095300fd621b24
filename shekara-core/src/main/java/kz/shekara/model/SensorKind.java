package kz.shekara.model;

import java.util.Locale;

/** What kind of sensor produced a detection. Alarm kinds raise an alert by themselves. */
public enum SensorKind {
    RADAR(false), CAMERA(false), UGS(true), FENCE(true), RADIATION(true), AIS(false), PATROL(false), OTHER(false);

    private static final SensorKind[] ALL = values();
    private static final String[] CODES = java.util.Arrays.stream(ALL).map(SensorKind::code).toArray(String[]::new);

    private final boolean alarm;

    SensorKind(boolean alarm) {
        this.alarm = alarm;
    }

    /** Ground sensor triggers, fence cuts and radiation portal alarms are alarms, not just plots. */
    public boolean isAlarm() {
        return alarm;
    }

    /** The lower-case name used in JSONL and YAML ("radar", "ugs", ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SensorKind fromCode(String code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i].equals(code)) { // the usual spelling, without a new string per call
                return ALL[i];
            }
        }
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
