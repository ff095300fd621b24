package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/** Statistical checks of simulated detections: bounds are about four standard errors wide. */
class SensorModelTest {
    private static final Instant T0 = SimulatorTest.T0;

    /** At each second of a scenario, the movers within a sensor's range and the plots of its scan then. */
    private record Scan(List<double[]> inRange, List<Detection> plots) {
    }

    private static List<Scan> scans(Sensor radar, ScenarioConfig config, int seconds) {
        Simulator sim = new Simulator(FixtureTheatre.with(List.of()), 11, T0, config);
        SensorModel model = new SensorModel(radar, new SplittableRandom(99), FixtureTheatre.MARKING.asExercise());
        LocalFrame frame = new LocalFrame(radar.lat(), radar.lon());
        List<Scan> out = new ArrayList<>();
        double[] tmp = new double[2];
        double[] ll = new double[2];
        for (int s = 0; s <= seconds; s++) {
            sim.advanceTo(T0.plusSeconds(s));
            List<Mover> movers = sim.movers();
            List<double[]> inRange = new ArrayList<>();
            for (Mover m : movers) {
                m.positionAt(s, tmp, ll);
                double[] en = new double[2];
                frame.toEastNorth(ll[0], ll[1], en);
                if (Math.hypot(en[0], en[1]) <= radar.rangeM()) {
                    inRange.add(en);
                }
            }
            out.add(new Scan(inRange, model.scan(s, T0.plusSeconds(s), movers)));
        }
        return out;
    }

    @Test
    void detectsEveryMoverInRangeWithGaussianErrorOfSigma() {
        Sensor radar = FixtureTheatre.sensor("radar", SensorKind.RADAR, 41.0, 69.5, 6000, 20, 1000, 1.0, 0);
        ScenarioConfig crowd = ScenarioConfig.DEFAULT.withCounts(60, 10, 0, 0);
        List<Scan> scans = scans(radar, crowd, 900);
        LocalFrame frame = new LocalFrame(radar.lat(), radar.lon());
        List<double[]> errors = new ArrayList<>();
        int expected = 0;
        int seen = 0;
        for (Scan scan : scans) {
            expected += scan.inRange().size();
            seen += scan.plots().size();
            for (Detection d : scan.plots()) {
                double[] en = new double[2];
                frame.toEastNorth(d.lat(), d.lon(), en);
                double[] nearest = nearest(scan.inRange(), en);
                assertThat(nearest).as("a plot with no mover in range near it").isNotNull();
                errors.add(new double[] {en[0] - nearest[0], en[1] - nearest[1]});
                assertThat(d.sigmaM()).isEqualTo(20.0);
            }
        }
        assertThat(expected).isGreaterThan(2000);
        assertThat(seen).isEqualTo(expected);
        int n = errors.size();
        double meanE = errors.stream().mapToDouble(e -> e[0]).sum() / n;
        double meanN = errors.stream().mapToDouble(e -> e[1]).sum() / n;
        double varE = errors.stream().mapToDouble(e -> e[0] * e[0]).sum() / n;
        double varN = errors.stream().mapToDouble(e -> e[1] * e[1]).sum() / n;
        assertThat(meanE).isBetween(-4 * 20 / Math.sqrt(n), 4 * 20 / Math.sqrt(n));
        assertThat(meanN).isBetween(-4 * 20 / Math.sqrt(n), 4 * 20 / Math.sqrt(n));
        // The standard error of a sample variance of a normal is sigma² sqrt(2/n).
        assertThat(varE).isBetween(400 * (1 - 4 * Math.sqrt(2.0 / n)), 400 * (1 + 4 * Math.sqrt(2.0 / n)));
        assertThat(varN).isBetween(400 * (1 - 4 * Math.sqrt(2.0 / n)), 400 * (1 + 4 * Math.sqrt(2.0 / n)));
        long beyond3Sigma = errors.stream().filter(e -> Math.hypot(e[0], e[1]) > 3.5 * 20).count();
        // P(|2-D error| > 3.5 sigma) = exp(-3.5²/2) ≈ 0.22 %.
        assertThat((double) beyond3Sigma / n).isLessThan(0.006);
    }

    @Test
    void missesMoversAtOneMinusTheProbabilityOfDetection() {
        Sensor radar = FixtureTheatre.sensor("radar", SensorKind.RADAR, 41.0, 69.5, 6000, 20, 1000, 0.7, 0);
        List<Scan> scans = scans(radar, ScenarioConfig.DEFAULT.withCounts(60, 10, 0, 0), 900);
        int expected = scans.stream().mapToInt(s -> s.inRange().size()).sum();
        int seen = scans.stream().mapToInt(s -> s.plots().size()).sum();
        double p = (double) seen / expected;
        double se = Math.sqrt(0.7 * 0.3 / expected);
        assertThat(p).isBetween(0.7 - 4 * se, 0.7 + 4 * se);
    }

    @Test
    void clutterIsPoissonAtTheConfiguredRateUniformOverTheCoverage() {
        // A radar far from every mover: all its plots are clutter.
        Sensor radar = FixtureTheatre.sensor("radar", SensorKind.RADAR, 41.5, 69.9, 5000, 20, 1000, 0.9, 2.5);
        Simulator sim = new Simulator(FixtureTheatre.with(List.of(radar)), 21, T0, ScenarioConfig.DEFAULT.withCounts(0, 0, 0, 0));
        List<Detection> plots = SimulatorTest.detections(sim.advanceTo(T0.plusSeconds(3999)));
        int scans = 4000;
        double[] counts = new double[scans];
        LocalFrame frame = new LocalFrame(radar.lat(), radar.lon());
        int innerHalf = 0;
        for (Detection d : plots) {
            counts[(int) Duration.between(T0, d.time()).toSeconds()]++;
            double[] en = new double[2];
            frame.toEastNorth(d.lat(), d.lon(), en);
            double r = Math.hypot(en[0], en[1]);
            assertThat(r).isLessThanOrEqualTo(5000.001);
            innerHalf += r <= 5000 / Math.sqrt(2) ? 1 : 0;
        }
        double mean = plots.size() / (double) scans;
        double var = java.util.Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / (scans - 1);
        assertThat(mean).isBetween(2.5 - 4 * Math.sqrt(2.5 / scans), 2.5 + 4 * Math.sqrt(2.5 / scans));
        // For a Poisson count the variance equals the mean.
        assertThat(var).isBetween(2.5 * 0.85, 2.5 * 1.15);
        // Uniform over the disc: half of the plots fall within R/√2.
        double half = (double) innerHalf / plots.size();
        assertThat(half).isBetween(0.5 - 4 * Math.sqrt(0.25 / plots.size()), 0.5 + 4 * Math.sqrt(0.25 / plots.size()));
    }

    @Test
    void radiationPortalAlarmsOnlyForMoversCarryingASourceAndOncePerPass() {
        Sensor portal = FixtureTheatre.sensor("rad", SensorKind.RADIATION, 41.0, 69.3, 300, 20, 1000, 1.0, 0);
        Theatre theatre = FixtureTheatre.with(List.of(portal));
        ScenarioConfig carriers = new ScenarioConfig(0, 6, 0, 0, 1.0, 0, 0, 1.0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        List<SimEvent> events = new Simulator(theatre, 4, T0, carriers).advanceTo(T0.plus(Duration.ofHours(1)));
        List<Detection> alarms = SimulatorTest.detections(events);
        assertThat(alarms).isNotEmpty();
        // Every carrier crosses at the portal; each pass gives one alarm, not one per scan while in range.
        long crossings = SimulatorTest.truth(events).stream().map(t -> t.target()).distinct().count();
        assertThat((long) alarms.size()).isLessThanOrEqualTo(crossings);
        assertThat(alarms.size()).isGreaterThanOrEqualTo(6);
        ScenarioConfig clean = new ScenarioConfig(0, 6, 0, 0, 1.0, 0, 0, 0.0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        assertThat(SimulatorTest.detections(new Simulator(theatre, 4, T0, clean).advanceTo(T0.plus(Duration.ofHours(1)))))
                .isEmpty();
    }

    private static double[] nearest(List<double[]> points, double[] p) {
        double[] best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (double[] q : points) {
            double d = Math.hypot(q[0] - p[0], q[1] - p[1]);
            if (d < bestD) {
                bestD = d;
                best = q;
            }
        }
        return best;
    }
}
