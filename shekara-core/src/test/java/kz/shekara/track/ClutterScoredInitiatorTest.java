package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import org.junit.jupiter.api.Test;

/**
 * The track score in dense clutter ({@link ClutterScoredInitiator}, {@link ClutterDensity}): the score's
 * arithmetic against hand-worked numbers, the switch between the counting rules and the score, and what it
 * does to a tracker facing 2.7 false plots per km² per scan (the latency bench's clutter).
 */
class ClutterScoredInitiatorTest {
    private static final Initiator SPARSE = new TwoPointInitiator(50, 4, 5, 30, 1);
    private final ClutterScoredInitiator scored = new ClutterScoredInitiator(SPARSE, 1.0, 6.8, 20);

    @Test
    void aHitRaisesTheScoreByTheLogOfItsDensityAgainstTheClutterAndAMissLowersItByTheLogOfOneLessPd() {
        // S = 100 m² per axis, d² = 2, clutter 1 per km² (1e-6 per m²), P_D 0.9:
        // ln 0.9 − 2/2 − ln(2π · 100) − ln(1e-6) = −0.105361 − 1 − 6.443047 + 13.815511 = 6.267103.
        assertThat(scored.scoreHit(InitiatorContractTest.hitAt(100, 2), 1e-6)).isCloseTo(6.267103, within(1e-6));
        // Ten times the clutter: ln 10 = 2.302585 less.
        assertThat(scored.scoreHit(InitiatorContractTest.hitAt(100, 2), 1e-5)).isCloseTo(3.964518, within(1e-6));
        assertThat(scored.scoreMiss()).isCloseTo(Math.log(0.1), within(1e-12));
        assertThat(ClutterScoredInitiator.DROP_SCORE).isCloseTo(-2.301585, within(1e-6));
    }

    @Test
    void inSparseClutterTheCountingRulesDecideAndInDenseClutterTheScore() {
        Hypothesis.Associated close = InitiatorContractTest.hitAt(1100, 0.5);
        // 0.5 per km² is sparse here: the two-point test confirms on the second plot, whatever the score.
        assertThat(scored.confirms(2, 2, close, -1, 0.5e-6)).isTrue();
        assertThat(scored.abandons(1, 2, -5, 0.5e-6)).isTrue();
        assertThat(scored.abandons(2, 3, -5, 0.5e-6)).isFalse();
        // 2 per km² is dense: the same plot confirms only with three plots and a score of 6.8.
        assertThat(scored.confirms(2, 2, close, 7.0, 2e-6)).isFalse();
        assertThat(scored.confirms(3, 3, close, 6.7, 2e-6)).isFalse();
        assertThat(scored.confirms(3, 3, close, 6.8, 2e-6)).isTrue();
        assertThat(scored.confirms(3, 9, close, 6.8, 2e-6)).as("M-of-N's window does not bound the score").isTrue();
        // Abandoned at the drop score or after maxScans, not by M-of-N's counts.
        assertThat(scored.abandons(2, 6, -2.0, 2e-6)).isFalse();
        assertThat(scored.abandons(2, 6, -2.31, 2e-6)).isTrue();
        assertThat(scored.abandons(5, 20, 3.0, 2e-6)).isTrue();
        assertThat(scored.scored()).isTrue();
        assertThat(SPARSE.scored()).isFalse();
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThatThrownBy(() -> new ClutterScoredInitiator(SPARSE, 0, 6.8, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClutterScoredInitiator(SPARSE, 1, 0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClutterScoredInitiator(SPARSE, 1, 6.8, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackerConfig.DEFAULTS.withDenseClutter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClutterDensityCountsTheScansOtherPlotsInTheNineSquareKilometresAroundAPlot() {
        List<Plot> plots = new ArrayList<>();
        Plot alone = Fixtures.plot(0, 50_000, 50_000, 10);
        plots.add(alone);
        // 26 plots within the 3 × 3 cells around (500, 500), one 1.6 km away (outside them), one 3 km away.
        for (int k = 0; k < 26; k++) {
            plots.add(Fixtures.plot(0, -900 + 70 * k, 500 + 30 * k, 10));
        }
        Plot centre = Fixtures.plot(0, 500, 500, 10);
        plots.add(centre);
        plots.add(Fixtures.plot(0, 500, 3_000, 10));
        ClutterDensity density = new ClutterDensity(plots);
        // 27 plots in the 9 km² around the centre (itself included: the others plus one): 3 per km².
        assertThat(density.perM2(centre) * 1e6).isCloseTo(3.0, within(1e-9));
        // A plot with no other near it: one per 9 km².
        assertThat(density.perM2(alone) * 1e6).isCloseTo(1 / 9.0, within(1e-9));
        assertThat(new ClutterDensity(null).perM2(centre)).isZero();
    }

    /** {@code perKm2} false plots per km² of {@code sensor} at time {@code t}, uniform over a 10 km square. */
    private static List<Plot> clutter(SplittableRandom random, double t, double perKm2) {
        List<Plot> plots = new ArrayList<>();
        int count = (int) Math.round(perKm2 * 100);
        for (int k = 0; k < count; k++) {
            plots.add(Fixtures.plot(t, random.nextDouble(-5_000, 5_000), random.nextDouble(-5_000, 5_000), 25));
        }
        return plots;
    }

    /** Runs 40 one-second scans of clutter at 2.7 per km² and a vehicle at 12 m/s (Pd 0.9); returns [false tracks, scan the vehicle was confirmed]. */
    private static int[] denseScene(TrackerConfig config) {
        SectorTracker tracker = new SectorTracker("S1", new LocalFrame(43, 68), TrackerParts.from(config));
        SplittableRandom random = new SplittableRandom(11);
        int confirmedAt = -1;
        java.util.Set<String> falseTracks = new java.util.HashSet<>();
        for (int k = 0; k < 40; k++) {
            List<Plot> plots = clutter(random, k, 2.7);
            if (random.nextDouble() < 0.9) {
                plots.add(Fixtures.plot(k, -2_000 + 12.0 * k + random.nextGaussian() * 25, 1_000 + random.nextGaussian() * 25, 25));
            }
            tracker.step(at(k), "radar-1", plots);
            for (TrackUpdate u : tracker.confirmedTracks()) {
                double east = -2_000 + 12.0 * k;
                boolean onVehicle = distanceM(tracker, u, east, 1_000) < 150;
                if (onVehicle && confirmedAt < 0) {
                    confirmedAt = k;
                } else if (!onVehicle) {
                    falseTracks.add(u.track());
                }
            }
        }
        return new int[] {falseTracks.size(), confirmedAt};
    }

    private static double distanceM(SectorTracker tracker, TrackUpdate u, double east, double north) {
        double[] en = new double[2];
        tracker.frame().toEastNorth(u.lat(), u.lon(), en);
        return Math.hypot(en[0] - east, en[1] - north);
    }

    @Test
    void inTheLatencyBenchsClutterTheScoreConfirmsTheVehicleAndAlmostNoClutter() {
        int[] counting = denseScene(TrackerConfig.DEFAULTS.withDenseClutter(0));
        int[] scoring = denseScene(TrackerConfig.DEFAULTS);
        // Counting plots confirms clutter by the hundred in 40 s of 270 false plots a scan (277 here); the score, a few (8).
        assertThat(counting[0]).isGreaterThan(100);
        assertThat(scoring[0]).isLessThanOrEqualTo(counting[0] / 10);
        // The vehicle is still confirmed, a few scans later than on two plots.
        assertThat(counting[1]).isBetween(1, 4);
        assertThat(scoring[1]).isBetween(2, 12);
    }

    @Test
    void aTrackScoreSurvivesTheRecordOfItsTrack() {
        SectorTracker tracker = new SectorTracker("S1", new LocalFrame(43, 68), TrackerParts.from(TrackerConfig.DEFAULTS));
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 3; k++) {
            tracker.step(at(k), "radar-1", clutter(random, k, 2.7));
        }
        TrackerState.Sector state = tracker.state();
        assertThat(state.tracks()).anySatisfy(r -> assertThat(r.score()).isNotZero())
                .allSatisfy(r -> assertThat(r.clutterPerM2()).isPositive());
        SectorTracker restored = new SectorTracker("S1", new LocalFrame(43, 68), TrackerParts.from(TrackerConfig.DEFAULTS));
        restored.restore(state);
        assertThat(restored.state().tracks()).usingRecursiveFieldByFieldElementComparator().isEqualTo(state.tracks());
        for (int k = 3; k < 8; k++) {
            List<Plot> plots = clutter(random, k, 2.7);
            tracker.step(at(k), "radar-1", plots);
            restored.step(at(k), "radar-1", plots);
        }
        assertThat(restored.allTracks()).usingRecursiveFieldByFieldElementComparator().isEqualTo(tracker.allTracks());
        assertThat(restored.allTracks()).extracting(TrackUpdate::status).contains(TrackStatus.TENTATIVE);
    }
}
