package kz.shekara.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.rules.RuleEngine;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation cost per track update with 10,000 zones (issue 4): every rule on, zones spread
 * over a 6° × 3° box at the density of a dense border sector — 2,000 border line pieces, 4,000
 * protected sites (points, 500 m buffer), 3,000 restricted areas (small polygons), 1,000 crossing
 * points — and 2,000 moving tracks updated in turn, each step 10 s of motion. Reports the mean time
 * of one {@link RuleEngine#onTrack} call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"10000"})
    public int zones;

    private RuleEngine engine;
    private double[][] tracks;
    private int next;
    private long step;
    private final SortedSet<String> sensors = new TreeSet<>(List.of("radar-1"));

    @Setup
    public void setUp() {
        Random r = new Random(42);
        List<Zone> list = new ArrayList<>();
        list.add(new Zone("sector", ZoneKind.SECTOR, "sector", "s", 0, GF.createPolygon(new Coordinate[] {
            new Coordinate(66, 41), new Coordinate(72, 41), new Coordinate(72, 44), new Coordinate(66, 44),
            new Coordinate(66, 41)})));
        for (int i = 0; i < zones; i++) {
            double lat = 41 + r.nextDouble() * 3;
            double lon = 66 + r.nextDouble() * 6;
            int kind = i % 10;
            if (kind < 2) {
                list.add(new Zone("b" + i, ZoneKind.BORDER, "b", "s", 0, GF.createLineString(new Coordinate[] {
                    new Coordinate(lon, lat), new Coordinate(lon + 0.05, lat + 0.01), new Coordinate(lon + 0.1, lat)})));
            } else if (kind < 6) {
                list.add(new Zone("p" + i, ZoneKind.PROTECTED_SITE, "p", "s", 500, GF.createPoint(new Coordinate(lon, lat))));
            } else if (kind < 9) {
                double d = 0.003;
                list.add(new Zone("r" + i, ZoneKind.RESTRICTED_AREA, "r", "s", 200, GF.createPolygon(new Coordinate[] {
                    new Coordinate(lon, lat), new Coordinate(lon + d, lat), new Coordinate(lon + d, lat + d),
                    new Coordinate(lon, lat + d), new Coordinate(lon, lat)})));
            } else {
                list.add(new Zone("c" + i, ZoneKind.CROSSING_POINT, "c", "s", 500, GF.createPoint(new Coordinate(lon, lat))));
            }
        }
        Theatre t = new Theatre("bench", MARKING, List.of(new Sector("s", "s", "c", "UZ", Posture.NORMAL, 42.5, 69)),
                list, List.of(), List.of(), List.of(), List.of());
        RulesConfig d = RulesConfig.defaults();
        engine = new RuleEngine(t, new RulesConfig(d.borderCrossing(), d.approach(), d.loitering(), d.speed(),
                d.sensorAlarm(), d.sensorSilent(), d.unitEmergency(), null, d.posture(), Duration.ofHours(10)));
        tracks = new double[2_000][];
        for (int i = 0; i < tracks.length; i++) {
            double speed = 1 + r.nextDouble() * 15;
            double course = r.nextDouble() * 2 * Math.PI;
            tracks[i] = new double[] {41.2 + r.nextDouble() * 2.6, 66.2 + r.nextDouble() * 5.6,
                speed * Math.cos(course), speed * Math.sin(course)};
        }
    }

    @Benchmark
    public List<DomainEvent> trackUpdate() {
        int i = next;
        double[] s = tracks[i];
        s[0] += s[2] * 10 / 111_000;
        s[1] += s[3] * 10 / 83_000;
        if (s[0] < 41.1 || s[0] > 43.9 || s[1] < 66.1 || s[1] > 71.9) {
            s[2] = -s[2];
            s[3] = -s[3];
        }
        next = (i + 1) % tracks.length;
        if (next == 0) {
            step++;
        }
        return engine.onTrack(new TrackUpdate(T0.plusSeconds(step * 10), "T" + i, "s", s[0], s[1], s[2], s[3], 100, 0,
                100, TrackStatus.CONFIRMED, TargetClass.UNKNOWN, sensors, MARKING));
    }
}
