package kz.shekara.dispatch;

import java.util.Locale;
import java.util.Map;
import kz.shekara.i18n.Messages;
import kz.shekara.theatre.Unit;

/**
 * The order a unit's device receives, in the crew's language (kk, ru or en; anything else gets
 * English; the {@code taskOrder.*} keys of the {@link Messages} catalogue): the incident, the target's
 * track when there is one, the intercept point (degrees, five decimals) and the planned time there in
 * whole minutes. Stateless.
 */
final class TaskText {
    private TaskText() {
    }

    static String order(Unit unit, String incident, String track, double lat, double lon, double etaS) {
        String point = String.format(Locale.ROOT, "%.5f, %.5f", lat, lon);
        String eta = Double.isFinite(etaS) ? Long.toString(Math.round(etaS / 60)) : "?";
        Messages m = Messages.of(unit.language());
        return track == null
                ? m.format("taskOrder.order", Map.of("callsign", unit.callsign(), "incident", incident, "point", point,
                        "eta", eta))
                : m.format("taskOrder.orderWithTarget", Map.of("callsign", unit.callsign(), "incident", incident,
                        "track", track, "point", point, "eta", eta));
    }
}
