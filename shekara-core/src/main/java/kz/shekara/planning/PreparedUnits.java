package kz.shekara.planning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.UnitStatus;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;

/**
 * The unit side of recommendations, worked out once for a set of unit states and reused for every
 * target ranked against them: where each available ground unit joins the road network (its nearest
 * road nodes and off-road legs), where each available boat joins open water (and, once a sea route
 * needs them, its distances to the coast's corners), and how many available units each sector has. Preparing again
 * after units move ({@link Recommender#prepare(List, PreparedUnits)}) keeps the work of every unit
 * whose state is unchanged. Immutable and thread-safe; built by a {@link Recommender} for its own
 * ground model.
 */
public final class PreparedUnits {
    private final GroundTravelTime ground;
    private final List<UnitState> units;
    private final SeaTravelTime sea;
    private final GroundTravelTime.Origin[] origins;
    private final SeaTravelTime.Start[] seaStarts;
    private final Map<String, Integer> availableBySector;

    private PreparedUnits(GroundTravelTime ground, SeaTravelTime sea, List<UnitState> units,
                          GroundTravelTime.Origin[] origins, SeaTravelTime.Start[] seaStarts,
                          Map<String, Integer> availableBySector) {
        this.ground = ground;
        this.sea = sea;
        this.units = units;
        this.origins = origins;
        this.seaStarts = seaStarts;
        this.availableBySector = availableBySector;
    }

    /** {@code ground} and {@code sea} may be null (no unit then has an origin or a start there); {@code previous} may be null. */
    static PreparedUnits of(GroundTravelTime ground, SeaTravelTime sea, List<UnitState> units, PreparedUnits previous) {
        List<UnitState> copy = List.copyOf(units);
        Map<UnitState, GroundTravelTime.Origin> known = new HashMap<>();
        Map<UnitState, SeaTravelTime.Start> knownStarts = new HashMap<>();
        if (previous != null && previous.ground == ground) {
            for (GroundTravelTime.Origin o : previous.origins) {
                if (o != null) {
                    known.put(o.unit(), o);
                }
            }
        }
        if (previous != null && previous.sea == sea) {
            for (SeaTravelTime.Start s : previous.seaStarts) {
                if (s != null) {
                    knownStarts.put(s.unit(), s);
                }
            }
        }
        GroundTravelTime.Origin[] origins = new GroundTravelTime.Origin[copy.size()];
        SeaTravelTime.Start[] starts = new SeaTravelTime.Start[copy.size()];
        Map<String, Integer> bySector = new HashMap<>();
        for (int i = 0; i < origins.length; i++) {
            UnitState u = copy.get(i);
            if (ground != null && Recommender.isGround(u.kind()) && eligible(u)) {
                GroundTravelTime.Origin o = known.get(u);
                origins[i] = o != null ? o : ground.origin(u);
            }
            if (sea != null && u.kind() == UnitKind.BOAT && eligible(u)) {
                SeaTravelTime.Start st = knownStarts.get(u);
                starts[i] = st != null ? st : sea.start(u);
            }
            if (u.sector() != null && u.status() == UnitStatus.AVAILABLE) {
                bySector.merge(u.sector(), 1, Integer::sum);
            }
        }
        return new PreparedUnits(ground, sea, copy, origins, starts, Map.copyOf(bySector));
    }

    /** Units whose status lets them be tasked: available, or returning to base. */
    static boolean eligible(UnitState u) {
        return u.status() == UnitStatus.AVAILABLE || u.status() == UnitStatus.RETURNING;
    }

    public List<UnitState> units() {
        return units;
    }

    GroundTravelTime ground() {
        return ground;
    }

    SeaTravelTime sea() {
        return sea;
    }

    /** The way into open water of unit {@code i}; null for a unit that is not an eligible boat. */
    SeaTravelTime.Start seaStart(int i) {
        return seaStarts[i];
    }

    /** The road entry of unit {@code i}; null for a unit that is not an eligible ground unit. */
    GroundTravelTime.Origin origin(int i) {
        return origins[i];
    }

    int availableIn(String sector) {
        return availableBySector.getOrDefault(sector, 0);
    }
}
