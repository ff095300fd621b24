package kz.shekara.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.shekara.model.ControlChange;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.routing.Readiness;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The theatre's response units as the planner sees them: each one's last reported position (a
 * unit that has not reported yet stands at its base, available), the command holding operational
 * control of it (its own until changed) and the status its task gives it, which overrides the
 * status its device reports (a TAK device always says it is available). Not thread-safe: the
 * desk's caller holds one lock.
 */
final class UnitBoard {
    /** Where a unit is, the sector it is in there (null when none) and what it says of itself. */
    record Seen(double lat, double lon, String sector, UnitStatus reported) {
    }

    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, String> control = new HashMap<>();
    private final Map<String, TaskStatus> tasked = new HashMap<>();
    /** Units tasked by another desk (a sector another response worker holds), with their task's status. */
    private final Map<String, TaskStatus> elsewhere = new HashMap<>();
    private final SectorLocator sectors;
    private final Readiness readiness;

    UnitBoard(Theatre theatre, SectorLocator sectors, Readiness readiness) {
        this.sectors = sectors;
        this.readiness = readiness;
        for (Unit u : theatre.units()) {
            units.put(u.id(), u);
            Optional<Base> b = theatre.base(u.base());
            b.ifPresent(base -> seen.put(u.id(), seen(base.lat(), base.lon(), UnitStatus.AVAILABLE)));
        }
    }

    Optional<Unit> unit(String id) {
        return Optional.ofNullable(units.get(id));
    }

    /** True when the position is a theatre unit's (and now recorded). */
    boolean onPosition(UnitPosition p) {
        if (!units.containsKey(p.unit())) {
            return false;
        }
        seen.put(p.unit(), seen(p.lat(), p.lon(), p.status()));
        return true;
    }

    /** The sector is located once per position, not at every ranking. */
    private Seen seen(double lat, double lon, UnitStatus status) {
        return new Seen(lat, lon, sectors.locate(lat, lon).map(Sector::id).orElse(null), status);
    }

    Optional<Seen> seen(String unit) {
        return Optional.ofNullable(seen.get(unit));
    }

    /** True when the change concerns a theatre unit (and is now recorded). */
    boolean onControl(ControlChange c) {
        if (!units.containsKey(c.unit())) {
            return false;
        }
        control.put(c.unit(), c.command());
        return true;
    }

    /** Which command holds operational control of each theatre unit now, by unit id (sorted). */
    Map<String, String> control() {
        Map<String, String> m = new java.util.TreeMap<>();
        units.keySet().forEach(u -> m.put(u, controlledBy(u)));
        return m;
    }

    String controlledBy(String unit) {
        Unit u = units.get(unit);
        return control.getOrDefault(unit, u == null ? null : u.command());
    }

    /** A step of a task this desk holds (which supersedes what another desk said of the unit). */
    void task(String unit, TaskStatus status) {
        elsewhere.remove(unit);
        if (status.active()) {
            tasked.put(unit, status);
        } else {
            tasked.remove(unit);
        }
    }

    /** The unit is no longer tasked by this desk (a task of another desk read for it still counts). */
    void untask(String unit) {
        tasked.remove(unit);
    }

    boolean isTasked(String unit) {
        return tasked.containsKey(unit) || elsewhere.containsKey(unit);
    }

    /**
     * A step of a task another desk holds: the unit counts as tasked here too until a step ends the task.
     * True when it concerns a theatre unit (and is now recorded).
     */
    boolean taskElsewhere(String unit, TaskStatus status) {
        if (!units.containsKey(unit)) {
            return false;
        }
        if (status.active()) {
            elsewhere.put(unit, status);
        } else {
            elsewhere.remove(unit);
        }
        return true;
    }

    /** Every unit with a known position, in theatre order, its launch delay for its sector's posture. */
    List<UnitState> states(Function<String, Posture> posture) {
        List<UnitState> out = new ArrayList<>(units.size());
        for (Unit u : units.values()) {
            UnitState s = state(u, posture);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** One unit's state, or null when its position is not known. */
    UnitState state(Unit u, Function<String, Posture> posture) {
        Seen p = seen.get(u.id());
        if (p == null) {
            return null;
        }
        String sector = p.sector();
        UnitStatus status = status(u.id(), p.reported());
        double offRoad = u.offRoadSpeedMps() > 0 ? u.offRoadSpeedMps() : u.speedMps();
        double endurance = u.enduranceKm() > 0 ? u.enduranceKm() * 1000 : Double.POSITIVE_INFINITY;
        Posture sp = sector == null ? Posture.NORMAL : posture.apply(sector);
        return new UnitState(u.id(), u.kind(), p.lat(), p.lon(), status, u.speedMps(), offRoad,
                readiness.launchS(u.readiness(), status, sp), endurance, u.command(), controlledBy(u.id()), sector);
    }

    private UnitStatus status(String unit, UnitStatus reported) {
        TaskStatus t = tasked.getOrDefault(unit, elsewhere.get(unit));
        return t == null ? reported : UnitStatuses.of(t);
    }
}
