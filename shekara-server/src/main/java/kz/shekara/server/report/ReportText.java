package kz.shekara.server.report;

import java.util.Locale;
import java.util.Map;
import kz.shekara.i18n.Messages;
import kz.shekara.model.IncidentStatus;
import kz.shekara.theatre.UnitKind;

/**
 * The labels of the response report in Kazakh (Cyrillic), Russian or English, the {@code report.*} keys of
 * the {@link Messages} catalogue. Immutable.
 */
public enum ReportText {
    EN("en"),
    RU("ru"),
    KK("kk");

    private final String code;
    private final Messages messages;

    ReportText(String code) {
        this.code = code;
        this.messages = Messages.of(code);
    }

    /** The language code of the page (kk, ru, en). */
    public String code() {
        return code;
    }

    /** The language for a code (kk, ru or en, any case). */
    public static ReportText of(String code) {
        for (ReportText t : values()) {
            if (t.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("--lang must be kk, ru or en, got '" + code + "'");
    }

    String get(String key) {
        return messages.text("report." + key);
    }

    /** A label with its arguments ({@code times} takes {@code offset}). */
    String format(String key, Map<String, ?> args) {
        return messages.format("report." + key, args);
    }

    String kind(UnitKind k) {
        return messages.text("report.unitKind." + k.name().toLowerCase(Locale.ROOT));
    }

    /** A unit kind given as its API code (ground-vehicle). */
    String kind(String code) {
        return kind(UnitKind.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    String status(IncidentStatus s) {
        return messages.text("report.status." + s.name().toLowerCase(Locale.ROOT));
    }
}
