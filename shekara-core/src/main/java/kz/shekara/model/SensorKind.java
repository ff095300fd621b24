package kz.shekara.model;

import java.util.Locale;

/** What kind of sensor produced a detection. Alarm kinds raise an alert by themselves. */
public enum SensorKind {
    RADAR(false), CAMERA(false), UGS(true), FENCE(true), RADIATION(true), AIS(false), PATROL(false), OTHER(false);

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
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
