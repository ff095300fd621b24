package kz.shekara.server.adapter.cot;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import kz.shekara.i18n.Messages;
import kz.shekara.model.Alert;
import kz.shekara.rules.AlertText;

/**
 * The remarks of an alert's CoT marker in a crew's language: the rule and severity (as codes in
 * English, as the map's labels in Kazakh and Russian: {@code rule.*}, {@code severity.*} of the
 * {@link Messages} catalogue, severity in lower case), the subject's id (track, sensor, unit or zone,
 * and the zone of a track alert; {@code cot.*}) and the alert's sentence ({@link AlertText}, times in
 * UTC). Stateless.
 */
final class AlertCotText {
    private AlertCotText() {
    }

    static String remarks(Alert a, String language) {
        Messages m = Messages.of(language);
        boolean english = m.language().equals("en");
        String rule = english ? a.rule().code() : m.text("rule." + a.rule().code());
        String severity = english ? a.severity().code()
                : m.text("severity." + a.severity().code()).toLowerCase(Locale.ROOT);
        return rule + " (" + severity + ") " + subject(a, m) + ": " + AlertText.of(a, m.language(), ZoneOffset.UTC);
    }

    /** The alert's subject, the zone of a track alert after it; empty when it has none. */
    private static String subject(Alert a, Messages m) {
        String subject = a.track() != null ? m.format("cot.subject.track", Map.of("id", a.track()))
                : a.sensor() != null ? m.format("cot.subject.sensor", Map.of("id", a.sensor()))
                : a.unit() != null ? m.format("cot.subject.unit", Map.of("id", a.unit()))
                : a.zone() != null ? m.format("cot.subject.zone", Map.of("id", a.zone())) : "";
        return a.zone() != null && a.track() != null
                ? m.format("cot.trackInZone", Map.of("subject", subject, "zone", a.zone())) : subject;
    }
}
