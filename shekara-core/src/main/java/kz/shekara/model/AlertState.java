package kz.shekara.model;

import java.util.Locale;

/** Where an alert is in its lifecycle: raised → acknowledged → closed (raised → closed is allowed too). */
public enum AlertState {
    RAISED, ACKNOWLEDGED, CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
