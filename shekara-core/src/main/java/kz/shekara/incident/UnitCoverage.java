package kz.shekara.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.shekara.dispatch.UnitStatuses;
import kz.shekara.model.ControlChange;
import kz.shekara.model.Task;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The units as the rules see them for sector coverage: each at its last reported position with the
 * status its response gives it ({@link UnitStatuses}: tasked, en route, on scene), and a theatre unit
 * handed to a command other than its own counted as not available to its sector. A task step or a
 * control change gives the unit's last position again with its new status, at the time of the
 * change, so that a sector's last available unit being tasked or transferred is seen at once. Not
 * thread-safe: the alert desk's caller holds one lock.
 */
final class UnitCoverage {
    private final Map<String, String> ownCommand = new HashMap<>();
    private final Map<String, String> control = new HashMap<>();
    private final Map<String, UnitPosition> last = new HashMap<>();
    private final UnitStatuses statuses = new UnitStatuses();

    UnitCoverage(Theatre theatre) {
        for (Unit u : theatre.units()) {
            if (u.command() != null) {
                ownCommand.put(u.id(), u.command());
            }
        }
    }

    /** A reported position, as the rules should see it. */
    UnitPosition onPosition(UnitPosition p) {
        UnitPosition known = last.get(p.unit());
        if (known == null || !p.time().isBefore(known.time())) {
            last.put(p.unit(), p);
        }
        return view(p, p.time());
    }

    /** A task step: the unit's last position with its new status, when it has reported. */
    Optional<UnitPosition> onTask(Task t) {
        statuses.onTask(t);
        return again(t.unit(), t.time());
    }

    /** A control change: the unit's last position with the status it now has for its sector. */
    Optional<UnitPosition> onControl(ControlChange c) {
        control.put(c.unit(), c.command());
        return again(c.unit(), c.time());
    }

    private Optional<UnitPosition> again(String unit, Instant time) {
        UnitPosition p = last.get(unit);
        return p == null ? Optional.empty() : Optional.of(view(p, time.isAfter(p.time()) ? time : p.time()));
    }

    private UnitPosition view(UnitPosition p, Instant time) {
        UnitStatus s = statuses.status(p.unit(), p.status());
        String own = ownCommand.get(p.unit());
        String holder = control.get(p.unit());
        if (s == UnitStatus.AVAILABLE && own != null && holder != null && !holder.equals(own)) {
            s = UnitStatus.UNAVAILABLE; // lent to another command: not its sector's to send
        }
        return s == p.status() && time.equals(p.time()) ? p : new UnitPosition(time, p.unit(), p.callsign(),
                p.cotType(), p.lat(), p.lon(), p.courseDeg(), p.speedMps(), s, p.marking());
    }
}
