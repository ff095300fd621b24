package kz.shekara.dispatch;

import java.util.Optional;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;

/**
 * Where an acknowledged or en-route task goes on a position report of its unit: on scene once the
 * unit is near its intercept point or its target (nearer for ground units), en route once an
 * acknowledged unit has moved far enough from where its crew acknowledged (or that place is not
 * known). Stateless.
 */
final class Arrival {
    private Arrival() {
    }

    /**
     * The task's next status, or empty when it stays as it is; {@code target} is the target's motion
     * at the report's time (null when the incident is no longer watched), {@code ackedAt} where the
     * unit stood when its crew acknowledged ({lat, lon}).
     */
    static Optional<TaskStatus> next(ResponseConfig config, Unit unit, Task t, UnitPosition p,
                                     IncidentWatch.Target target, Optional<double[]> ackedAt) {
        double toPoint = Geodesy.distanceM(p.lat(), p.lon(), t.lat(), t.lon());
        double toTarget = target == null ? Double.POSITIVE_INFINITY
                : Geodesy.distanceM(p.lat(), p.lon(), target.motion().lat(), target.motion().lon());
        double near = unit.kind() == UnitKind.GROUND_VEHICLE
                || unit.kind() == UnitKind.FOOT_PATROL ? config.onSceneGroundM() : config.onSceneAirM();
        if (Math.min(toPoint, toTarget) <= near) {
            return Optional.of(TaskStatus.ON_SCENE);
        }
        if (t.status() == TaskStatus.ACKNOWLEDGED && ackedAt.map(a ->
                Geodesy.distanceM(a[0], a[1], p.lat(), p.lon()) > config.movedM()).orElse(true)) {
            return Optional.of(TaskStatus.EN_ROUTE);
        }
        return Optional.empty();
    }
}
