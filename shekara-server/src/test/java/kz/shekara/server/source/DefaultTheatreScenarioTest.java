package kz.shekara.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Detection;
import kz.shekara.model.TruthState;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** The scenario on the theatre Shekara ships: crossers really come from Uzbekistan or Kyrgyzstan into Kazakhstan. */
class DefaultTheatreScenarioTest {
    private static final Instant T0 = Simulator.DEFAULT_START;
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void crossingVehiclesComeFromTheNeighbourIntoKazakhstanAcrossItsBorderLines() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        PreparedGeometry kz = PreparedGeometryFactory.prepare(theatre.zones(ZoneKind.COUNTRY).stream()
                .filter(z -> z.id().equals("country-kz")).findFirst().orElseThrow().geometry());
        Geometry borders = GF.buildGeometry(theatre.zones(ZoneKind.BORDER).stream().map(Zone::geometry).toList());
        ScenarioConfig crossers = new ScenarioConfig(0, 12, 0, 0, 1.0, 0, 0, 0.25, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Duration span = Duration.ofMinutes(90);
        List<SimEvent> events = new Simulator(theatre, 21, T0, crossers).advanceTo(T0.plus(span));

        Map<String, List<TruthState>> tracks = new LinkedHashMap<>();
        events.stream().filter(e -> e instanceof SimEvent.Truth).map(e -> ((SimEvent.Truth) e).state())
                .forEach(t -> tracks.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t));
        int completed = 0;
        for (List<TruthState> track : tracks.values()) {
            TruthState first = track.get(0);
            TruthState last = track.get(track.size() - 1);
            assertThat(kz.contains(point(first))).as(first.target() + " starts outside Kazakhstan").isFalse();
            if (last.time().isBefore(T0.plus(span))) {
                completed++;
                assertThat(kz.contains(point(last))).as(last.target() + " ends inside Kazakhstan").isTrue();
                assertThat(GF.createLineString(track.stream().map(t -> new Coordinate(t.lon(), t.lat()))
                        .toArray(Coordinate[]::new)).intersects(borders)).isTrue();
            }
        }
        assertThat(completed).isGreaterThanOrEqualTo(12);
    }

    @Test
    void defaultScenarioFeedsEverySensorKindAndMarksItAllExercise() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Simulator sim = new Simulator(theatre, 1, T0, ScenarioConfig.DEFAULT);
        List<SimEvent> events = sim.advanceTo(T0.plus(Duration.ofMinutes(10)));
        List<Detection> detections = events.stream().filter(e -> e instanceof SimEvent.Observation)
                .map(e -> ((SimEvent.Observation) e).detection()).toList();
        List<UnitPosition> units = events.stream().filter(e -> e instanceof SimEvent.UnitReport)
                .map(e -> ((SimEvent.UnitReport) e).position()).toList();
        assertThat(sim.moverCount()).isEqualTo(28);
        assertThat(detections).hasSizeGreaterThan(1000);
        assertThat(units).hasSize(61 * theatre.units().size());
        assertThat(detections).allSatisfy(d -> assertThat(d.marking().exercise()).isTrue());
        assertThat(units).allSatisfy(u -> assertThat(u.marking().exercise()).isTrue());
        assertThat(detections).extracting(Detection::sensor).allMatch(id -> theatre.sensors().stream()
                .anyMatch(s -> s.id().equals(id)));
    }

    private static Geometry point(TruthState t) {
        return GF.createPoint(new Coordinate(t.lon(), t.lat()));
    }
}
