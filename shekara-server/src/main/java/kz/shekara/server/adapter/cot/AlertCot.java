package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import kz.shekara.model.Alert;

/**
 * An alert as a CoT event for TAK clients: a marker of the alert's CoT type at its position, with
 * the rule, severity and the alert's sentence (in the receiving crew's language) in {@code remarks} and a callsign operators can read on the map.
 * Track alerts are unknown-ground markers ({@code a-u-G}); sensor and sector alerts points of
 * interest ({@code b-m-p-s-p-i}); a unit's own emergency is re-sent as the 911 alarm {@code b-a-o-tbl}. The uid is stable per alert
 * (a re-send replaces the marker); stale after {@code STALE}. Pure and thread-safe.
 */
public final class AlertCot {
    /** How long TAK clients keep an alert marker without a re-send. */
    public static final Duration STALE = Duration.ofHours(1);
    private static final CotEncoder ENCODER = new CotEncoder();

    private AlertCot() {
    }

    /** The alert with its sentence in English. */
    public static CotEvent toCot(Alert a) {
        return toCot(a, "en");
    }

    /** The alert with its sentence in a crew's language (kk, ru, en; anything else English), times in UTC. */
    public static CotEvent toCot(Alert a, String language) {
        String type = switch (a.rule()) {
            case UNIT_EMERGENCY -> "b-a-o-tbl";
            case SENSOR_ALARM, SENSOR_SILENT, SECTOR_VOID -> "b-m-p-s-p-i";
            default -> "a-u-G";
        };
        String callsign = "ALERT " + a.rule().code().toUpperCase(Locale.ROOT) + " " + a.severity().code().toUpperCase(Locale.ROOT);
        // Exercise alerts must be unmistakable on a TAK device, as every other exercise object is.
        String remarks = (a.marking().exercise() ? "EXERCISE " : "") + AlertCotText.remarks(a, language);
        CotDetail detail = new CotDetail(callsign, null, null, null, Double.NaN, Double.NaN, null, remarks, "shekara",
                null, null, List.of(), List.of(), List.of(), null, null);
        return new CotEvent("shekara-alert-" + a.id(), type, "m-f", a.time(), a.time(), a.time().plus(STALE),
                a.marking().exercise() ? "e" : null,
                a.lat(), a.lon(), CotEvent.UNKNOWN, CotEvent.UNKNOWN, CotEvent.UNKNOWN, detail);
    }

    /** The alert as CoT XML, ready for a TAK stream. */
    public static String toXml(Alert a) {
        return ENCODER.toXml(toCot(a));
    }
}
