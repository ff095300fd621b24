package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import org.junit.jupiter.api.Test;

/** The tracker loop with the simplest real components. */
class SectorTrackerTest {
    final TrackerConfig config = new TrackerConfig(0.999, 3, 4, 30, 0.5, 3, Duration.ofSeconds(30), 1000,
            Duration.ZERO, 0, 3, 45, "gnn");
    final SectorTracker tracker = new SectorTracker("S1", new LocalFrame(43, 68), TrackerParts.from(config));

    Plot plot(double t, double east, String sensor, Marking marking) {
        Detection d = new Detection(at(t), sensor, SensorKind.RADAR, 43, 68, 10, marking);
        return new Plot(at(t), east, 0, 10, d);
    }

    void scan(double t, String sensor, Plot... plots) {
        tracker.step(at(t), sensor, List.of(plots));
    }

    @Test
    void confirmsAfterMOfNAndReportsSensorsMarkingAndClass() {
        Marking police = Marking.of(Classification.CONFIDENTIAL, "border-guard", List.of());
        for (int k = 0; k < 3; k++) {
            assertThat(tracker.confirmedTracks()).isEmpty();
            scan(k, k == 1 ? "radar-2" : "radar-1", plot(k, 10.0 * k, k == 1 ? "radar-2" : "radar-1",
                    k == 2 ? police : Fixtures.MARKING));
        }
        List<TrackUpdate> out = tracker.confirmedTracks();
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.track()).isEqualTo("S1-1");
            assertThat(t.status()).isEqualTo(TrackStatus.CONFIRMED);
            assertThat(t.sensors()).containsExactly("radar-1", "radar-2");
            assertThat(t.marking().classification()).isEqualTo(Classification.CONFIDENTIAL);
            assertThat(t.marking().releasableTo()).isEmpty();
            assertThat(t.veMps()).isBetween(5.0, 11.0);
            assertThat(t.time()).isEqualTo(at(2));
        });
    }

    @Test
    void coastsTrackWhenScanHasNoDetectionAndDeletesItAfterMaxMisses() {
        for (int k = 0; k < 12; k++) {
            scan(k, "radar-1", plot(k, 8.0 * k, "radar-1", Fixtures.MARKING));
        }
        scan(12, "radar-1");
        assertThat(tracker.confirmedTracks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TrackStatus.COASTING);
            assertThat(t.targetClass()).isEqualTo(TargetClass.VEHICLE);
        });
        // Another sensor's empty scans are no misses for a track it never saw.
        scan(12.5, "radar-9");
        scan(13, "radar-1");
        assertThat(tracker.confirmedTracks()).hasSize(1);
        scan(14, "radar-1");
        assertThat(tracker.confirmedTracks()).isEmpty();
        assertThat(tracker.liveTracks()).isZero();
    }

    @Test
    void abandonsATentativeTrackFromASingleFalseAlarm() {
        scan(0, "radar-1", plot(0, 500, "radar-1", Fixtures.MARKING));
        assertThat(tracker.liveTracks()).isEqualTo(1);
        scan(1, "radar-1");
        scan(2, "radar-1");
        assertThat(tracker.liveTracks()).isZero();
        assertThat(tracker.confirmedTracks()).isEmpty();
    }

    @Test
    void numbersTracksDeterministicallyInScanOrder() {
        scan(0, "radar-1", plot(0, 0, "radar-1", Fixtures.MARKING), plot(0, 5000, "radar-1", Fixtures.MARKING));
        assertThat(tracker.allTracks()).extracting(TrackUpdate::track).containsExactly("S1-1", "S1-2");
        assertThat(tracker.allTracks()).extracting(TrackUpdate::status).containsOnly(TrackStatus.TENTATIVE);
    }
}
