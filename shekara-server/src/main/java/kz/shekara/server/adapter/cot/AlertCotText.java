package kz.shekara.server.adapter.cot;

import java.time.ZoneOffset;
import java.util.Locale;
import kz.shekara.model.Alert;
import kz.shekara.model.Severity;
import kz.shekara.rules.AlertText;

/**
 * The remarks of an alert's CoT marker in a crew's language: the rule and severity (as codes in
 * English, as the map's labels in Kazakh and Russian), the subject's id (track, sensor, unit or zone,
 * and the zone of a track alert) and the alert's sentence ({@link AlertText}, times in UTC). Stateless.
 */
final class AlertCotText {
    private AlertCotText() {
    }

    static String remarks(Alert a, String language) {
        String l = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        String sentence = AlertText.of(a, l, ZoneOffset.UTC);
        return switch (l) {
            case "ru" -> rule(a, 1) + " (" + severity(a.severity(), 1) + ")" + subject(a, "трасса ", "датчик ",
                    "подразделение ", "зона ") + (a.zone() != null && a.track() != null ? ", зона " + a.zone() : "")
                    + ": " + sentence;
            case "kk" -> rule(a, 0) + " (" + severity(a.severity(), 0) + ")" + subject(a, "трасса ", "датчик ",
                    "бөлімше ", "аймақ ") + (a.zone() != null && a.track() != null ? ", аймақ " + a.zone() : "")
                    + ": " + sentence;
            default -> a.rule().code() + " (" + a.severity().code() + ")" + subject(a, "track ", "sensor ", "unit ", "zone ")
                    + (a.zone() != null && a.track() != null ? " at " + a.zone() : "") + ": " + sentence;
        };
    }

    private static String subject(Alert a, String track, String sensor, String unit, String zone) {
        return a.track() != null ? " " + track + a.track() : a.sensor() != null ? " " + sensor + a.sensor()
                : a.unit() != null ? " " + unit + a.unit() : a.zone() != null ? " " + zone + a.zone() : " ";
    }

    /** The rule's name in Kazakh (0) or Russian (1), as the web map's labels have it. */
    private static String rule(Alert a, int i) {
        String[] names = switch (a.rule()) {
            case BORDER_CROSSING -> new String[] {"Шекараны кесіп өту", "Пересечение границы"};
            case APPROACH -> new String[] {"Күзетілетін объектіге жақындау", "Приближение к охраняемому объекту"};
            case LOITERING -> new String[] {"Ұзақ аялдау", "Длительное нахождение"};
            case SPEED -> new String[] {"Жылдамдықты асыру", "Превышение скорости"};
            case SENSOR_ALARM -> new String[] {"Датчиктің іске қосылуы", "Срабатывание датчика"};
            case SENSOR_SILENT -> new String[] {"Датчик үнсіз", "Датчик молчит"};
            case UNIT_EMERGENCY -> new String[] {"Жасақтың төтенше белгісі", "Экстренный сигнал наряда"};
            case SECTOR_VOID -> new String[] {"Учаскеде жасақ жоқ", "Участок без нарядов"};
        };
        return names[i];
    }

    private static String severity(Severity s, int i) {
        String[] names = switch (s) {
            case LOW -> new String[] {"төмен", "низкая"};
            case MEDIUM -> new String[] {"орташа", "средняя"};
            case HIGH -> new String[] {"жоғары", "высокая"};
            case CRITICAL -> new String[] {"өте жоғары", "критическая"};
        };
        return names[i];
    }
}
