package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import org.junit.jupiter.api.Test;

/**
 * The default tracker's rule for tentative tracks of one plot (the cascaded 2/2 &amp; M/N logic,
 * {@code singlePlotMisses} 1): clutter that finds no second plot is gone at the next scan of its
 * sensor, while a real mover whose second plot was missed is still confirmed from its next plots.
 */
class SinglePlotTentativeTest {
    private final SectorTracker tracker = new SectorTracker("S1", new LocalFrame(43, 68),
            TrackerParts.from(TrackerConfig.DEFAULTS));

    /** {@code count} plots of {@code sensor} at time {@code t}, uniform over a 20 km square centred {@code offsetM} east. */
    private static List<Plot> clutter(SplittableRandom random, double t, int count, double offsetM, String sensor) {
        List<Plot> plots = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            plots.add(Fixtures.plot(t, offsetM + random.nextDouble(-10_000, 10_000), random.nextDouble(-10_000, 10_000),
                    10, sensor));
        }
        return plots;
    }

    private List<String> liveIds() {
        return tracker.allTracks().stream().map(TrackUpdate::track).toList();
    }

    @Test
    void clutterBornTentativeTracksEndAtTheNextScanOfTheirSensor() {
        SplittableRandom random = new SplittableRandom(7);
        tracker.step(at(0), "radar-1", clutter(random, 0, 200, 0, "radar-1"));
        List<String> born = liveIds();
        assertThat(born).hasSize(200);
        assertThat(tracker.allTracks()).extracting(TrackUpdate::status).containsOnly(TrackStatus.TENTATIVE);
        // Another sensor's scan (its own clutter 60 km away) is no miss for tracks it never saw.
        tracker.step(at(0.5), "radar-2", clutter(random, 0.5, 200, 60_000, "radar-2"));
        assertThat(liveIds()).containsAll(born);
        // The next scan of radar-1 finds nothing near them (its plots fall 60 km away): every one of them ends.
        tracker.step(at(1), "radar-1", clutter(random, 1, 200, -60_000, "radar-1"));
        assertThat(liveIds()).doesNotContainAnyElementsOf(born).hasSize(400);
        assertThat(tracker.confirmedTracks()).isEmpty();
    }

    @Test
    void aMoverWhoseSecondPlotWasMissedIsConfirmedFromItsNextPlots() {
        // A vehicle at 12 m/s east, seen at 0 s, missed at 1 s, then seen every second.
        for (int k = 0; k <= 4; k++) {
            if (k == 1) {
                tracker.step(at(k), "radar-1", List.of());
            } else {
                tracker.step(at(k), "radar-1", List.of(Fixtures.plot(k, 12.0 * k, 0, 10)));
            }
        }
        assertThat(tracker.confirmedTracks()).singleElement().satisfies(t -> {
            // Its first plot's track ended at the miss; the track confirmed is the one begun at 2 s.
            assertThat(t.track()).isEqualTo("S1-2");
            assertThat(t.status()).isEqualTo(TrackStatus.CONFIRMED);
            assertThat(t.veMps()).isBetween(8.0, 16.0);
        });
    }
}
