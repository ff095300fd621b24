package kz.shekara.track;

import kz.shekara.theatre.SectorLocator;
import kz.shekara.sim.TrackingScenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Sector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leaving a track at its own time when a scan cannot touch it (see {@link SectorTracker#update} and,
 * live, the sectors a scan skips in {@link MultiSectorTracker}) changes nothing a consumer sees but
 * when a track's end is announced: the same tracks, ids, times and statuses as the loop that moves
 * every track to every scan, with states equal to rounding (to a millimetre under the IMM, see
 * {@link #configs}), in one sector and across several; live, the same tracks end, each no earlier than
 * in that loop and within a few seconds of it.
 */
class LeftTentativeTracksTest {

    /**
     * The single-model configuration, whose prediction in steps equals prediction in one, and the IMM
     * defaults, whose combined covariance over a left-behind gap weighs the models' noise once rather
     * than step by step: the same tracks, ids, times and statuses, states equal to a millimetre.
     */
    static List<TrackerConfig> configs() {
        return List.of(TrackerConfig.SINGLE_MODEL, TrackerConfig.DEFAULTS);
    }

    private static List<TrackUpdate> run(TrackerConfig config, List<Sector> sectors, List<Detection> detections,
                                         MultiSectorTracker.Mode mode, UnaryOperator<MultiSectorTracker> setup) {
        MultiSectorTracker tracker = setup.apply(new MultiSectorTracker(config, sectors,
                SectorLocator.ofOrigins(sectors), mode));
        List<TrackUpdate> out = new ArrayList<>();
        for (Detection d : detections) {
            out.addAll(tracker.accept(d));
        }
        out.addAll(tracker.flush());
        return out;
    }

    private static void assertSame(TrackerConfig config, List<TrackUpdate> left, List<TrackUpdate> reference) {
        boolean imm = config.motionModel().equals("imm");
        double degrees = imm ? 1e-8 : 1e-9;
        double mps = imm ? 1e-3 : 1e-6;
        assertThat(left).hasSameSizeAs(reference);
        for (int i = 0; i < reference.size(); i++) {
            TrackUpdate a = left.get(i);
            TrackUpdate b = reference.get(i);
            assertThat(a.track()).isEqualTo(b.track());
            assertThat(a.time()).isEqualTo(b.time());
            assertThat(a.status()).isEqualTo(b.status());
            assertThat(a.sensors()).isEqualTo(b.sensors());
            assertThat(a.lat()).isCloseTo(b.lat(), within(degrees));
            assertThat(a.lon()).isCloseTo(b.lon(), within(degrees));
            assertThat(a.vnMps()).isCloseTo(b.vnMps(), within(mps));
            assertThat(a.veMps()).isCloseTo(b.veMps(), within(mps));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void twoSensorsWithClutterOverOneSectorGiveTheReferenceTracks(TrackerConfig config) {
        // 60 movers, radars of 20 m / 1 s and 50 m / 3 s with clutter, reports up to 1.5 s late.
        TrackingScenario.Data data = TrackingScenario.standard(60, Duration.ofMinutes(3), 11).generate();
        List<Sector> one = List.of(new Sector("S1", "test", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0,
                68.0));
        for (MultiSectorTracker.Mode mode : MultiSectorTracker.Mode.values()) {
            List<TrackUpdate> reference = run(config, one, data.detections(), mode,
                    MultiSectorTracker::everyTrackEveryScan);
            List<TrackUpdate> left = run(config, one, data.detections(), mode, UnaryOperator.identity());
            assertThat(reference).as(mode.name()).hasSizeGreaterThan(1000);
            assertSame(config, left, reference);
        }
    }

    /** The same, apart from the ended tracks' last updates, which must name the same tracks, each no earlier and soon after. */
    private static void assertSameLive(TrackerConfig config, List<TrackUpdate> left, List<TrackUpdate> reference) {
        assertSame(config, left.stream().filter(u -> u.status() != TrackStatus.DELETED).toList(),
                reference.stream().filter(u -> u.status() != TrackStatus.DELETED).toList());
        java.util.Map<String, TrackUpdate> endedLeft = new java.util.TreeMap<>();
        java.util.Map<String, TrackUpdate> endedReference = new java.util.TreeMap<>();
        left.stream().filter(u -> u.status() == TrackStatus.DELETED).forEach(u -> endedLeft.put(u.track(), u));
        reference.stream().filter(u -> u.status() == TrackStatus.DELETED).forEach(u -> endedReference.put(u.track(), u));
        assertThat(endedLeft.keySet()).isEqualTo(endedReference.keySet());
        endedReference.forEach((track, r) -> assertThat(endedLeft.get(track).time()).as(track)
                .isBetween(r.time(), r.time().plusSeconds(5)));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void liveScansSkipTheSectorsTheyCannotTouchAndEndTheSameTracks(TrackerConfig config) {
        // Three sectors side by side, each with its own radar pair (own ids) and clutter; movers cross
        // from one sector's square into the next; a fence alarm now and then in the middle sector.
        List<Sector> three = List.of(
                new Sector("A", "a", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 67.9),
                new Sector("B", "b", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.0),
                new Sector("C", "c", "south", "KG", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.1));
        List<Detection> all = new ArrayList<>();
        for (int i = 0; i < three.size(); i++) {
            Sector s = three.get(i);
            TrackingScenario.Data data = new TrackingScenario(new double[] {s.originLat(), s.originLon()}, 6_000, 25,
                    1, 25, 0.3, List.of(new TrackingScenario.SensorSpec("radar-" + s.id(), 20, Duration.ofSeconds(1),
                    0.9, 8), new TrackingScenario.SensorSpec("coast-" + s.id(), 50, Duration.ofSeconds(3), 0.9, 4)),
                    Duration.ofMinutes(3), Duration.ofMillis(1500), 31 + i).generate();
            all.addAll(data.detections());
        }
        for (int k = 0; k < 40; k++) {
            all.add(new Detection(TrackingScenario.START.plusSeconds(4L * k + 1), "fence-B", kz.shekara.model.SensorKind.FENCE,
                    43.01, 68.0, 20, Fixtures.MARKING));
        }
        all.sort(java.util.Comparator.comparing(Detection::time));
        List<TrackUpdate> reference = run(config, three, all, MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(config, three, all, MultiSectorTracker.Mode.LIVE, UnaryOperator.identity());
        assertThat(reference.stream().map(TrackUpdate::sector).distinct()).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(reference).filteredOn(u -> u.status() == TrackStatus.DELETED).isNotEmpty();
        assertSameLive(config, left, reference);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aTrackWhoseSensorFellSilentEndsBeforeItCouldTakeAPlotAgain(TrackerConfig config) {
        // Sector A's radar sees a parked object for 20 s, falls silent for 32 s, and sees it again; sector
        // B's radar goes on all along. Live, A is skipped while silent; its track must still end after
        // 30 s without a detection and a new one start, as in the loop that visits A at every scan.
        List<Sector> two = List.of(new Sector("A", "a", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 67.5),
                new Sector("B", "b", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.5));
        List<Detection> all = new ArrayList<>();
        java.util.Random noise = new java.util.Random(9);
        for (int k = 0; k <= 60; k++) {
            if (k <= 20 || k >= 53) {
                all.add(new Detection(TrackingScenario.START.plusSeconds(k), "radar-A", kz.shekara.model.SensorKind.RADAR,
                        43.0 + noise.nextGaussian() * 1e-4, 67.5 + noise.nextGaussian() * 1e-4, 15, Fixtures.MARKING));
            }
            all.add(new Detection(TrackingScenario.START.plusSeconds(k), "radar-B", kz.shekara.model.SensorKind.RADAR,
                    43.0 + noise.nextGaussian() * 1e-4, 68.5 + noise.nextGaussian() * 1e-4, 15, Fixtures.MARKING));
        }
        List<TrackUpdate> reference = run(config, two, all, MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(config, two, all, MultiSectorTracker.Mode.LIVE, UnaryOperator.identity());
        assertThat(reference).filteredOn(u -> u.status() == TrackStatus.DELETED).extracting(TrackUpdate::track)
                .containsExactly("A-1");
        assertThat(reference).filteredOn(u -> u.sector().equals("A") && u.status() == TrackStatus.CONFIRMED)
                .extracting(TrackUpdate::track).containsOnly("A-1", "A-2");
        assertSameLive(config, left, reference);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aScanWithNoPlotInASectorStillCountsAMissAgainstTheTracksItsSensorSaw(TrackerConfig config) {
        // One wide radar over two sectors sees the object in A only every other scan: A's track must turn
        // to coasting on the scans without it, live as in the loop that visits every sector at every scan.
        List<Sector> two = List.of(new Sector("A", "a", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 67.5),
                new Sector("B", "b", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.5));
        List<Detection> all = new ArrayList<>();
        java.util.Random noise = new java.util.Random(4);
        for (int k = 0; k <= 40; k++) {
            if (k < 8 || k % 2 == 0) {
                all.add(new Detection(TrackingScenario.START.plusSeconds(k), "wide", kz.shekara.model.SensorKind.RADAR,
                        43.0 + noise.nextGaussian() * 1e-4, 67.5 + noise.nextGaussian() * 1e-4, 15, Fixtures.MARKING));
            }
            all.add(new Detection(TrackingScenario.START.plusSeconds(k), "wide", kz.shekara.model.SensorKind.RADAR,
                    43.0 + noise.nextGaussian() * 1e-4, 68.5 + noise.nextGaussian() * 1e-4, 15, Fixtures.MARKING));
        }
        List<TrackUpdate> reference = run(config, two, all, MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(config, two, all, MultiSectorTracker.Mode.LIVE, UnaryOperator.identity());
        assertThat(reference).filteredOn(u -> u.sector().equals("A") && u.status() == TrackStatus.COASTING).isNotEmpty();
        assertSameLive(config, left, reference);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aSectorSkippedAfterItHandedATrackOverDoesNotHandItOverAgain(TrackerConfig config) {
        // A mover walks west out of B into A; a second radar sees only a parked object in C, so its scans
        // skip B right after the hand-over. B's sectors are unequal, so the handed-over track's state, read
        // in B's frame, would fall in C: it must stay one track, in A.
        List<Sector> three = List.of(new Sector("A", "a", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 67.9),
                new Sector("B", "b", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.0),
                new Sector("C", "c", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.05));
        kz.shekara.geo.LocalFrame b = new kz.shekara.geo.LocalFrame(43.0, 68.0);
        double[] ll = new double[2];
        List<Detection> all = new ArrayList<>();
        java.util.Random noise = new java.util.Random(6);
        for (int k = 0; k <= 400; k++) {
            b.toLatLon(-1_500 - 12.0 * k + noise.nextGaussian() * 10, noise.nextGaussian() * 10, ll);
            all.add(new Detection(TrackingScenario.START.plusSeconds(k), "radar-1", kz.shekara.model.SensorKind.RADAR,
                    ll[0], ll[1], 10, Fixtures.MARKING));
            all.add(new Detection(TrackingScenario.START.plusSeconds(k), "radar-2", kz.shekara.model.SensorKind.RADAR,
                    43.0 + noise.nextGaussian() * 1e-4, 68.06 + noise.nextGaussian() * 1e-4, 10, Fixtures.MARKING));
        }
        List<TrackUpdate> reference = run(config, three, all, MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(config, three, all, MultiSectorTracker.Mode.LIVE, UnaryOperator.identity());
        assertThat(reference).filteredOn(u -> u.track().equals("B-1")).extracting(TrackUpdate::sector)
                .contains("B", "A").doesNotContain("C");
        assertSameLive(config, left, reference);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theSameAcrossTwoSectorsWithHandOvers(TrackerConfig config) {
        TrackingScenario.Data data = TrackingScenario.standard(40, Duration.ofMinutes(2), 5).generate();
        List<Sector> two = List.of(new Sector("W", "west", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0,
                67.95), new Sector("E", "east", "south", "KG", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.05));
        List<TrackUpdate> reference = run(config, two, data.detections(), MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(config, two, data.detections(), MultiSectorTracker.Mode.LIVE,
                UnaryOperator.identity());
        assertThat(reference.stream().map(TrackUpdate::sector).distinct()).containsExactlyInAnyOrder("W", "E");
        assertSameLive(config, left, reference);
    }
}
