package kz.shekara.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Task;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.ResponseModels;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.Route;
import kz.shekara.routing.TravelTimeModel;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * How the exercise's units answer dispatch, so that the demo's response loop closes without a
 * human device: a dispatched unit stops its patrol and reports itself tasked (its crew
 * acknowledges), launches after its readiness time and travels by its own travel model (roads,
 * air, sea path) to the task's point, en route, taking each moved point from where it is; it holds
 * there on scene; when the task ends it drives back to its patrol and patrols again. The travel
 * models are built on the first task (a few hundred milliseconds for the default theatre). Times in
 * seconds since the scenario start. Not thread-safe: the simulator's thread only.
 */
final class ExerciseResponse {
    /** A point this close to the current one is not a new point. */
    private static final double SAME_POINT_M = 1;

    private final Theatre theatre;
    private final Map<String, PatrolModel> patrols = new HashMap<>();
    private final Map<String, Answer> answering = new HashMap<>();
    private ResponseModels models;

    /** A unit's current leg: to its task's point, or back to its patrol. */
    private record Answer(String task, double lat, double lon, Sortie leg, boolean returning, boolean stuck) {
    }

    ExerciseResponse(Theatre theatre, List<PatrolModel> patrols) {
        this.theatre = theatre;
        patrols.forEach(p -> this.patrols.put(p.unit().id(), p));
    }

    /** A task step at {@code tSec}: a dispatch, a moved point, or the end of the task. */
    void onTask(Task t, double tSec) {
        PatrolModel patrol = patrols.get(t.unit());
        if (patrol == null) {
            return;
        }
        Answer a = answering.get(t.unit());
        double[] here = a != null ? a.leg().at(tSec) : position(patrol, tSec);
        if (!t.status().active()) {
            if (a != null && !a.returning()) {
                answering.put(t.unit(), backToPatrol(patrol, here, tSec));
            }
            return;
        }
        if (a == null || a.returning()) {
            double launch = a != null ? tSec : tSec + seconds(patrol.unit().readiness());
            answering.put(t.unit(), toward(t, patrol.unit(), here, launch));
        } else if (Geodesy.distanceM(a.lat(), a.lon(), t.lat(), t.lon()) > SAME_POINT_M) {
            // The target moved its point: on from where the unit is (still at home until its launch).
            answering.put(t.unit(), toward(t, patrol.unit(), here, Math.max(tSec, a.leg().departS())));
        }
    }

    private Answer toward(Task t, Unit unit, double[] here, double departS) {
        Sortie leg = leg(unit, here, departS, t.lat(), t.lon());
        // A unit with no way there (a boat to a point on land) stays where it is, tasked.
        return leg == null ? new Answer(t.id(), t.lat(), t.lon(), Sortie.holdAt(here[0], here[1], departS), false,
                true) : new Answer(t.id(), t.lat(), t.lon(), leg, false, false);
    }

    /** The unit's report at {@code tSec}: on patrol, or answering its task. */
    UnitPosition report(PatrolModel patrol, double tSec, Instant time) {
        Answer a = answering.get(patrol.unit().id());
        if (a != null && a.returning() && a.leg().arrived(tSec)) {
            answering.remove(patrol.unit().id());
            a = null;
        }
        if (a == null) {
            return patrol.report(tSec, time);
        }
        UnitPosition p = patrol.report(tSec, time);
        double[] at = a.leg().at(tSec);
        UnitStatus status = a.returning() ? UnitStatus.RETURNING
                : a.stuck() ? UnitStatus.TASKED : a.leg().arrived(tSec) ? UnitStatus.ON_SCENE
                : a.leg().moving(tSec) ? UnitStatus.EN_ROUTE : UnitStatus.TASKED;
        double speed = a.leg().moving(tSec) ? a.leg().speedMps() : 0;
        return new UnitPosition(time, p.unit(), p.callsign(), p.cotType(), at[0], at[1], at[2], speed, status,
                p.marking());
    }

    /** True while the unit is answering a task or on its way back. */
    boolean answering(String unit) {
        return answering.containsKey(unit);
    }

    private Answer backToPatrol(PatrolModel patrol, double[] here, double tSec) {
        // Aim where the patrol will be when the unit gets there (two rounds bring the aim close).
        double arrive = tSec;
        Sortie leg = null;
        for (int i = 0; i < 2; i++) {
            double[] aim = position(patrol, arrive);
            leg = leg(patrol.unit(), here, tSec, aim[0], aim[1]);
            if (leg == null) {
                leg = Sortie.holdAt(here[0], here[1], tSec); // no way back: patrols again from here
                break;
            }
            arrive = leg.arriveS();
        }
        return new Answer("", here[0], here[1], leg, true, false);
    }

    private static double[] position(PatrolModel patrol, double tSec) {
        UnitPosition p = patrol.report(tSec, Instant.EPOCH);
        return new double[] {p.lat(), p.lon()};
    }

    /** The leg from {@code from} departing at {@code departS}; null when the unit has no way there. */
    private Sortie leg(Unit unit, double[] from, double departS, double lat, double lon) {
        if (models == null) {
            models = ResponseModels.of(theatre);
        }
        TravelTimeModel model = models.byKind().get(unit.kind());
        double offRoad = unit.offRoadSpeedMps() > 0 ? unit.offRoadSpeedMps() : unit.speedMps();
        UnitState state = new UnitState(unit.id(), unit.kind(), from[0], from[1], UnitStatus.EN_ROUTE,
                unit.speedMps(), offRoad, 0, Double.POSITIVE_INFINITY, unit.command(), unit.command(), null);
        Optional<Route> route = model != null ? model.route(state, lat, lon) : Optional.of(straight(from, lat, lon,
                unit.speedMps()));
        return route.map(r -> new Sortie(departS, r)).orElse(null);
    }

    private static Route straight(double[] from, double lat, double lon, double speedMps) {
        double d = Geodesy.distanceM(from[0], from[1], lat, lon);
        return new Route(speedMps > 0 ? d / speedMps : 0, d, List.of(new GeoPoint(from[0], from[1]),
                new GeoPoint(lat, lon)));
    }

    private static double seconds(Duration d) {
        return d == null ? 0 : d.toMillis() / 1000.0;
    }
}
