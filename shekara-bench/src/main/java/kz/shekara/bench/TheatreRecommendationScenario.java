package kz.shekara.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.ResponseModels;
import kz.shekara.planning.TargetMotion;
import kz.shekara.routing.Readiness;
import kz.shekara.routing.UnitState;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * 500 units of every kind from the default theatre (its units repeated at their bases, all under one
 * command, available) with the theatre's own models (air, the Caspian sea graph, the roads), and
 * four targets: a walker crossing into sector uz-03 far from any water, a boat heading for the
 * offshore site west-south-west of Aktau (it reaches the shore before any boat can catch it), a boat
 * leaving that site north-west (boats meet it at sea) and an alarm just inland of Aktau's shore.
 * Immutable once built; used by {@link RecommendationCpu} and {@link TheatreRecommendationBenchmark}.
 */
final class TheatreRecommendationScenario {
    static final String COMMAND = "all";

    final Recommender recommender;
    final List<UnitState> units;
    private final Area area;

    TheatreRecommendationScenario() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        ResponseModels models = ResponseModels.of(theatre);
        recommender = models.recommender(Recommender.Config.DEFAULT);
        area = models.area().orElse(null);
        List<UnitState> us = new ArrayList<>(500);
        List<Unit> pool = theatre.units();
        for (int i = 0; us.size() < 500; i++) {
            Unit u = pool.get(i % pool.size());
            Base b = theatre.base(u.base()).orElseThrow();
            double offRoad = u.offRoadSpeedMps() > 0 ? u.offRoadSpeedMps() : u.speedMps();
            double endurance = u.enduranceKm() > 0 ? u.enduranceKm() * 1000 : Double.POSITIVE_INFINITY;
            us.add(new UnitState(u.id() + "-" + i, u.kind(), b.lat(), b.lon(), UnitStatus.AVAILABLE, u.speedMps(), offRoad,
                    Readiness.DEFAULT.launchS(u.readiness(), UnitStatus.AVAILABLE, Posture.NORMAL), endurance, COMMAND,
                    COMMAND, u.command()));
        }
        units = List.copyOf(us);
    }

    /** The four targets by name, in the order the harness reports them. */
    Map<String, TargetMotion> targets() {
        Map<String, TargetMotion> m = new LinkedHashMap<>();
        m.put("allKindsInland", TargetMotion.of(41.575, 69.43, 1.06, 1.06, 100, 0.5, 4 * 3600, area));
        m.put("allKindsOffshore", TargetMotion.of(43.75, 50.55, -4.0, 6.0, 100, 0.5, 4 * 3600, area));
        m.put("allKindsSeaChase", TargetMotion.of(43.75, 50.55, 2.0, -3.0, 100, 0.5, 4 * 3600, area));
        m.put("allKindsShore", TargetMotion.of(43.6233, 51.1971, 0, 0, 100, 0.5, 4 * 3600, area));
        return m;
    }
}
