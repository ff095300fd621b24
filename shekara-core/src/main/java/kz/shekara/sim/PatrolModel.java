package kz.shekara.sim;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;

/**
 * A friendly unit as the simulator moves it. Ground vehicles and foot patrols drive back and forth
 * along the stretch of land border nearest their base (±10 km for vehicles, ±2 km on foot), 1.5 km
 * inside, at their off-road speed; helicopters, boats and ground units further than 50 km from any
 * border idle at their base. Immutable.
 */
final class PatrolModel {
    private static final double MAX_BORDER_DISTANCE_M = 50_000;
    private static final double INSIDE_M = 1500;

    private final Unit unit;
    private final Base base;
    private final Marking marking;
    private final Path path;
    private final kz.shekara.geo.LocalFrame frame;
    private final double speedMps;
    private final double phaseM;

    PatrolModel(Unit unit, Base base, List<TheatreGeometry.Line> borders, SplittableRandom rng, Marking marking) {
        this.unit = unit;
        this.base = base;
        this.marking = marking;
        TheatreGeometry.Line line = null;
        double lineS = 0;
        boolean ground = unit.kind() == UnitKind.GROUND_VEHICLE || unit.kind() == UnitKind.FOOT_PATROL;
        double best = MAX_BORDER_DISTANCE_M;
        double[] p = new double[2];
        double[] q = new double[2];
        for (TheatreGeometry.Line l : ground ? borders : List.<TheatreGeometry.Line>of()) {
            l.frame().toEastNorth(base.lat(), base.lon(), p);
            double s = l.path().nearestS(p[0], p[1]);
            l.path().pointAt(s, q);
            double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
            if (d < best) {
                best = d;
                line = l;
                lineS = s;
            }
        }
        if (line == null) {
            path = null;
            frame = null;
            speedMps = 0;
            phaseM = 0;
            return;
        }
        double half = unit.kind() == UnitKind.FOOT_PATROL ? 2000 : 10_000;
        path = line.path().stretch(lineS - half, lineS + half, line.inwardSign() * INSIDE_M, 200);
        frame = line.frame();
        speedMps = unit.offRoadSpeedMps() > 0 ? unit.offRoadSpeedMps() : unit.speedMps() / 2;
        phaseM = rng.nextDouble() * 2 * path.length();
    }

    Unit unit() {
        return unit;
    }

    /** The unit's report at {@code tSec} seconds after the scenario start (time {@code time}). */
    UnitPosition report(double tSec, Instant time) {
        if (path == null) {
            return new UnitPosition(time, unit.id(), unit.callsign(), cotType(), base.lat(), base.lon(), Double.NaN,
                    0, UnitStatus.AVAILABLE, marking);
        }
        double len = path.length();
        double x = (phaseM + speedMps * tSec) % (2 * len);
        boolean back = x > len;
        double s = back ? 2 * len - x : x;
        double[] en = new double[2];
        double[] ll = new double[2];
        double[] dir = new double[2];
        path.pointAt(s, en);
        path.directionAt(s, dir);
        frame.toLatLon(en[0], en[1], ll);
        double course = Math.toDegrees(Math.atan2(back ? -dir[0] : dir[0], back ? -dir[1] : dir[1]));
        return new UnitPosition(time, unit.id(), unit.callsign(), cotType(), ll[0], ll[1], (course + 360) % 360,
                speedMps, UnitStatus.AVAILABLE, marking);
    }

    private String cotType() {
        return switch (unit.kind()) {
            case HELICOPTER -> "a-f-A-M-H";
            case BOAT -> "a-f-S-X";
            default -> "a-f-G-U-C";
        };
    }
}
