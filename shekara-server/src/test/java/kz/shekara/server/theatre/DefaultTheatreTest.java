package kz.shekara.server.theatre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.BaseKind;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class DefaultTheatreTest {
    private static Theatre theatre;

    @BeforeAll
    static void load() throws TheatreException {
        theatre = TheatreLoader.loadDefault();
    }

    @Test
    void theNeighbouringBorderServiceHasSensorsAndUnitsWithheldAndTheOthersNothing() {
        var agencies = theatre.agencies().stream().collect(Collectors.toMap(kz.shekara.theatre.Agency::id,
                kz.shekara.theatre.Agency::redact));
        assertThat(agencies.get("uz-bs")).containsExactlyInAnyOrder(kz.shekara.theatre.Redaction.SENSOR,
                kz.shekara.theatre.Redaction.UNIT);
        assertThat(agencies.get("kz-mod")).isEmpty();
        assertThat(agencies.get("kz-customs")).isEmpty();
    }

    @Test
    void sectorsFallUnderTwoRegionalCommandsAndTheCaspian() {
        Map<String, Long> perCommand = theatre.sectors().stream()
                .collect(Collectors.groupingBy(Sector::command, Collectors.counting()));
        assertThat(perCommand.keySet()).containsExactlyInAnyOrder("turkistan", "zhambyl", "caspian");
        assertThat(perCommand.get("turkistan")).isGreaterThanOrEqualTo(8);
        assertThat(perCommand.get("zhambyl")).isGreaterThanOrEqualTo(5);
        assertThat(perCommand.get("caspian")).isEqualTo(1);
        assertThat(theatre.commands()).extracting(c -> c.id() + "/" + c.agency()).containsExactly("turkistan/kz-bs",
                "zhambyl/kz-bs", "caspian/kz-bs", "mod-south/kz-mod");
        assertThat(theatre.sectors()).filteredOn(s -> s.command().equals("turkistan")).allMatch(s -> s.neighbour().equals("UZ"));
        assertThat(theatre.sectors()).filteredOn(s -> s.command().equals("zhambyl")).allMatch(s -> s.neighbour().equals("KG"));
        assertThat(theatre.sectors()).extracting(Sector::name).contains("Kazygurt", "Zhibek Zholy", "Shardara", "Korday", "Merke");
        assertThat(theatre.timeZone()).isEqualTo(ZoneOffset.ofHours(5));
    }

    @Test
    void everyLandSectorHasABorderLineOfFiftyToHundredKilometres() {
        Map<String, Zone> borders = theatre.zones(ZoneKind.BORDER).stream()
                .collect(Collectors.toMap(Zone::sector, Function.identity()));
        for (Sector s : theatre.sectors()) {
            if (s.command().equals("caspian")) {
                continue;
            }
            Zone border = borders.get(s.id());
            assertThat(border).as(s.id()).isNotNull();
            Coordinate[] cs = border.geometry().getCoordinates();
            double km = 0;
            for (int i = 1; i < cs.length; i++) {
                km += kz.shekara.geo.Geodesy.distanceM(cs[i - 1].y, cs[i - 1].x, cs[i].y, cs[i].x) / 1000;
            }
            assertThat(km).as(s.id()).isBetween(50.0, 100.0);
        }
    }

    @Test
    void crossingPointsAreThoseOfTheReferenceAndLieInTheirSectors() {
        Map<String, Zone> byName = theatre.zones(ZoneKind.CROSSING_POINT).stream()
                .collect(Collectors.toMap(Zone::name, Function.identity()));
        assertThat(byName.keySet()).contains("Zhibek Zholy", "Kaplanbek", "Kazygurt", "B. Konysbayev", "Atameken",
                "Tselinny", "Syrdarya", "Tazhen", "Korday", "Karasu", "Sartobe", "Aukhatty", "Sypatai Batyr",
                "Aisha-Bibi", "Kegen");
        SectorLocator locator = new SectorLocator(theatre, 0);
        for (Zone cp : byName.values()) {
            if (cp.sector() != null) {
                Coordinate c = cp.geometry().getCoordinate();
                assertThat(locator.locate(c.y, c.x)).as(cp.name()).map(Sector::id).contains(cp.sector());
            }
        }
        assertThat(byName.get("Zhibek Zholy").geometry().getCoordinate()).isEqualTo(new Coordinate(69.37, 41.48));
        assertThat(byName.get("Korday").geometry().getCoordinate()).isEqualTo(new Coordinate(74.71, 43.04));
        assertThat(byName.get("Korday").sector()).startsWith("kg-");
        assertThat(byName.get("Zhibek Zholy").sector()).startsWith("uz-");
    }

    @Test
    void helicoptersAreBasedAtAktauAirportAndBoatsAtBautino() {
        Base air = theatre.base("aktau-air").orElseThrow();
        assertThat(air.kind()).isEqualTo(BaseKind.AIR_BASE);
        assertThat(air.lat()).isEqualTo(43.86);
        assertThat(air.lon()).isEqualTo(51.09);
        assertThat(theatre.units()).filteredOn(u -> u.kind() == UnitKind.HELICOPTER).hasSize(2)
                .allMatch(u -> u.base().equals("aktau-air") && u.command().equals("caspian"));
        assertThat(theatre.units()).filteredOn(u -> u.kind() == UnitKind.BOAT).isNotEmpty()
                .allMatch(u -> theatre.base(u.base()).orElseThrow().kind() == BaseKind.BOAT_STATION);
        assertThat(theatre.bases()).filteredOn(b -> b.kind() == BaseKind.BORDER_POST)
                .hasSize(theatre.sectors().size() - 1);
    }

    @Test
    void hasUnitsOfEveryKindWithPlausibleSpeeds() {
        assertThat(theatre.units().stream().map(Unit::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(UnitKind.values());
        for (Unit u : theatre.units()) {
            double kmh = u.speedMps() * 3.6;
            switch (u.kind()) {
                case FOOT_PATROL -> assertThat(kmh).as(u.id()).isBetween(3.0, 7.0);
                case GROUND_VEHICLE -> assertThat(kmh).as(u.id()).isBetween(40.0, 120.0);
                case HELICOPTER -> assertThat(kmh).as(u.id()).isBetween(150.0, 320.0);
                case BOAT -> assertThat(kmh).as(u.id()).isBetween(20.0, 100.0);
            }
            assertThat(u.offRoadSpeedMps()).as(u.id()).isPositive().isLessThanOrEqualTo(u.speedMps());
            assertThat(u.language()).isIn("kk", "ru", "en");
        }
    }

    @Test
    void hasSensorsOfEveryFixedKindInsideTheirSector() {
        assertThat(theatre.sensors().stream().map(s -> s.kind()).collect(Collectors.toSet()))
                .contains(SensorKind.RADAR, SensorKind.CAMERA, SensorKind.UGS, SensorKind.FENCE, SensorKind.RADIATION);
        SectorLocator locator = new SectorLocator(theatre, 0);
        theatre.sensors().forEach(s -> assertThat(locator.locate(s.lat(), s.lon())).as(s.id())
                .map(Sector::id).contains(s.sector()));
        Set<String> crossingSectors = theatre.zones(ZoneKind.CROSSING_POINT).stream().map(Zone::sector)
                .filter(x -> x != null).collect(Collectors.toSet());
        assertThat(theatre.sensors()).filteredOn(s -> s.kind() == SensorKind.RADIATION)
                .extracting(s -> s.sector()).containsAll(crossingSectors);
    }

    @Test
    void seaAreaOfTheAktauSectorDoesNotOverlapLandAndHoldsTheOffshoreSite() {
        Geometry sea = theatre.zones(ZoneKind.SEA).get(0).geometry();
        Geometry kz = theatre.zones(ZoneKind.COUNTRY).stream().filter(z -> z.id().equals("country-kz")).findFirst()
                .orElseThrow().geometry();
        GeometryFactory gf = new GeometryFactory();
        Zone offshore = theatre.zones(ZoneKind.PROTECTED_SITE).stream().filter(z -> z.id().equals("site-offshore-aktau"))
                .findFirst().orElseThrow();
        assertThat(sea.contains(offshore.geometry())).isTrue();
        assertThat(sea.contains(gf.createPoint(new Coordinate(51.15, 43.65 + 0.05)))).as("Aktau, inland").isFalse();
        assertThat(sea.contains(gf.createPoint(new Coordinate(50.5, 43.3)))).as("open sea").isTrue();
        // The basemap is simplified, so the overlap with the full-detail sea is a thin sliver at most.
        assertThat(sea.intersection(kz).getArea()).isLessThan(0.01 * sea.getArea());
        assertThat(new SectorLocator(theatre, 0).locate(43.86, 51.09)).map(Sector::id).contains("caspian");
    }

    @Test
    void pipelineCorridorAndRoadsAreThere() {
        assertThat(theatre.zones(ZoneKind.PROTECTED_SITE)).anySatisfy(z -> {
            assertThat(z.geometry().getGeometryType()).isEqualTo("LineString");
            assertThat(z.bufferM()).isPositive();
        });
        assertThat(theatre.zones(ZoneKind.ROAD)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(theatre.zones(ZoneKind.COUNTRY)).extracting(Zone::id)
                .contains("country-kz", "country-uz", "country-kg", "country-tm");
    }
}
