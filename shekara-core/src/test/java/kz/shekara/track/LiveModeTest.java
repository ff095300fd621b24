package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MultiSectorTracker.Mode#LIVE}: only changed tracks are reported; alarms do not move the watermark. */
class LiveModeTest {
    private static final List<kz.shekara.theatre.Sector> SECTORS =
            List.of(MultiSectorTrackerTest.WEST, MultiSectorTrackerTest.EAST);

    /**
     * radar-1 follows a vehicle that drives from the west sector into the east one; radar-2 watches two
     * parked objects in the east sector, one of which is gone after 100 s.
     */
    private static List<TrackUpdate> run(MultiSectorTracker.Mode mode) {
        return run(mode, TrackerConfig.DEFAULTS);
    }

    private static List<TrackUpdate> run(MultiSectorTracker.Mode mode, TrackerConfig config) {
        MultiSectorTracker tracker = new MultiSectorTracker(config, SECTORS,
                SectorLocator.ofOrigins(SECTORS), mode);
        LocalFrame west = new LocalFrame(43.0, 68.0);
        LocalFrame east = new LocalFrame(43.0, 68.5);
        double[] ll = new double[2];
        java.util.Random noise = new java.util.Random(3);
        List<TrackUpdate> out = new ArrayList<>();
        for (int k = 0; k <= 200; k++) {
            west.toLatLon(19_000 + 15.0 * k + noise.nextGaussian() * 15, 200 + noise.nextGaussian() * 15, ll);
            out.addAll(tracker.accept(new Detection(at(k), "radar-1", SensorKind.RADAR, ll[0], ll[1], 15,
                    Fixtures.MARKING)));
            east.toLatLon(5_000 + noise.nextGaussian() * 10, 3_000 + noise.nextGaussian() * 10, ll);
            out.addAll(tracker.accept(new Detection(at(k), "radar-2", SensorKind.RADAR, ll[0], ll[1], 10,
                    Fixtures.MARKING)));
            if (k < 100) {
                east.toLatLon(8_000 + noise.nextGaussian() * 10, -4_000 + noise.nextGaussian() * 10, ll);
                out.addAll(tracker.accept(new Detection(at(k), "radar-2", SensorKind.RADAR, ll[0], ll[1], 10,
                        Fixtures.MARKING)));
            }
        }
        out.addAll(tracker.flush());
        return out;
    }

    static List<TrackerConfig> configs() {
        return List.of(TrackerConfig.DEFAULTS, TrackerConfig.SINGLE_MODEL);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void reportsDetectedTracksEveryScanAndACoastingTrackOnceWhereTheFullReportRepeatsIt(TrackerConfig config) {
        List<TrackUpdate> all = run(MultiSectorTracker.Mode.BATCH, config);
        List<TrackUpdate> changed = run(MultiSectorTracker.Mode.LIVE, config);

        // Every changed report is the full report's update of that track at that time, bit for bit; the
        // only exception is the last word on an ended track, which the full report never carries.
        assertThat(all).noneMatch(u -> u.status() == TrackStatus.DELETED);
        assertThat(new HashSet<>(all)).containsAll(changed.stream().filter(u -> u.status() != TrackStatus.DELETED)
                .toList());
        assertThat(changed.stream().filter(u -> u.status() != TrackStatus.DELETED).count()).isLessThan(all.size());

        TrackUpdate lastOfGone = all.stream().filter(u -> u.lat() < 43.0 && u.lon() > 68.5)
                .reduce((a, b) -> b).orElseThrow();
        String gone = lastOfGone.track();
        Predicate<TrackUpdate> goneCoasting = u -> u.track().equals(gone) && u.status() == TrackStatus.COASTING;
        assertThat(all.stream().filter(goneCoasting).count()).as("full report repeats the coasting track")
                .isGreaterThan(1);
        assertThat(changed.stream().filter(goneCoasting).toList()).as("changed report: once, when it turns coasting")
                .hasSize(1).first().extracting(TrackUpdate::time).isEqualTo(at(100));

        // Tracks detected at every scan (the vehicle across its hand-over, the parked object that stays)
        // are reported at the same times with the same states in both.
        for (TrackUpdate u : all) {
            if (u.status() == TrackStatus.CONFIRMED) {
                assertThat(changed).contains(u);
            }
        }
        assertThat(changed.stream().map(TrackUpdate::sector).distinct()).containsExactlyInAnyOrder("W", "E");
    }

    @Test
    void anEndedTrackGetsOneDeletedUpdateAsItsLastAtTheScanThatEndedIt() {
        List<TrackUpdate> all = run(MultiSectorTracker.Mode.BATCH);
        List<TrackUpdate> changed = run(MultiSectorTracker.Mode.LIVE);
        TrackUpdate lastOfGone = all.stream().filter(u -> u.lat() < 43.0 && u.lon() > 68.5)
                .reduce((a, b) -> b).orElseThrow();
        String gone = lastOfGone.track();

        List<TrackUpdate> ofGone = changed.stream().filter(u -> u.track().equals(gone)).toList();
        assertThat(ofGone.getLast().status()).isEqualTo(TrackStatus.DELETED);
        assertThat(ofGone).filteredOn(u -> u.status() == TrackStatus.DELETED).hasSize(1);
        // Ended at the first scan after the last one the full report still carries it at.
        assertThat(ofGone.getLast().time()).isAfter(lastOfGone.time());
        assertThat(all.stream().filter(u -> u.time().equals(ofGone.getLast().time()))).isNotEmpty()
                .noneMatch(u -> u.track().equals(gone));
        // The tracks that go on being detected never end.
        assertThat(changed).filteredOn(u -> u.status() == TrackStatus.DELETED).extracting(TrackUpdate::track)
                .containsExactly(gone);
    }

    @Test
    void anAlarmAheadInEventTimeMakesLaterArrivingPlotsLateInBatchButNotLive() {
        for (MultiSectorTracker.Mode mode : MultiSectorTracker.Mode.values()) {
            MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS, SECTORS,
                    SectorLocator.ofOrigins(SECTORS), mode);
            tracker.accept(new Detection(at(0), "radar-1", SensorKind.RADAR, 43.0, 68.1, 15, Fixtures.MARKING));
            // A ground-sensor alarm 10 s ahead of the radar's plots, which are still on their way (window 2 s).
            tracker.accept(new Detection(at(10), "ugs-1", SensorKind.UGS, 43.01, 68.1, 20, Fixtures.MARKING));
            for (int k = 1; k <= 12; k++) {
                tracker.accept(new Detection(at(k), "radar-1", SensorKind.RADAR, 43.0, 68.1 + 1e-4 * k, 15,
                        Fixtures.MARKING));
            }
            tracker.flush();
            assertThat(tracker.lateDetections()).as(mode.name())
                    .isEqualTo(mode == MultiSectorTracker.Mode.BATCH ? 7 : 0);
        }
    }
}
