package kz.shekara.dispatch;

import java.util.Locale;
import kz.shekara.theatre.Unit;

/**
 * The order a unit's device receives, in the crew's language (kk, ru or en; anything else gets
 * English): the incident, the target's track when there is one, the intercept point (degrees, five
 * decimals) and the planned time there in whole minutes. Stateless.
 */
final class TaskText {
    private TaskText() {
    }

    static String order(Unit unit, String incident, String track, double lat, double lon, double etaS) {
        String point = String.format(Locale.ROOT, "%.5f, %.5f", lat, lon);
        String eta = Double.isFinite(etaS) ? Long.toString(Math.round(etaS / 60)) : "?";
        String target = track == null ? "" : track;
        String lang = unit.language() == null ? "en" : unit.language().toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "kk" -> unit.callsign() + ": " + incident + " оқиғасына жедел шығу. "
                    + (track == null ? "" : "Нысана " + target + ". ") + "Ұстау нүктесі " + point
                    + ", шамамен " + eta + " мин. Қабылдағаныңызды растаңыз.";
            case "ru" -> unit.callsign() + ": выезд по происшествию " + incident + ". "
                    + (track == null ? "" : "Цель " + target + ". ") + "Точка перехвата " + point
                    + ", около " + eta + " мин. Подтвердите приём.";
            default -> unit.callsign() + ": respond to incident " + incident + ". "
                    + (track == null ? "" : "Target " + target + ". ") + "Intercept point " + point
                    + ", about " + eta + " min. Acknowledge.";
        };
    }
}
