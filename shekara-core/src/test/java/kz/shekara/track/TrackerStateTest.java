package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import org.junit.jupiter.api.Test;

class TrackerStateTest {
    static final Sector WEST = MultiSectorTrackerTest.WEST;
    static final Sector EAST = MultiSectorTrackerTest.EAST;

    private static MultiSectorTracker tracker() {
        return new MultiSectorTracker(TrackerConfig.DEFAULTS, List.of(WEST, EAST),
                SectorLocator.ofOrigins(List.of(WEST, EAST)));
    }

    /** Three movers (one crossing into the east sector), two radars, clutter, and some detections arriving late. */
    private static List<Detection> feed() {
        LocalFrame west = new LocalFrame(43.0, 68.0);
        Random noise = new Random(11);
        double[] ll = new double[2];
        List<Detection> out = new ArrayList<>();
        Detection held = null;
        for (int k = 0; k <= 300; k++) {
            double[][] movers = {{17_000 + 15.0 * k, 200}, {5_000, 3_000 - 4.0 * k}, {-2_000 + 2.0 * k, -6_000}};
            for (String radar : List.of("radar-1", "radar-2")) {
                if (radar.equals("radar-2") && k % 3 != 0) {
                    continue;
                }
                for (double[] m : movers) {
                    west.toLatLon(m[0] + noise.nextGaussian() * 15, m[1] + noise.nextGaussian() * 15, ll);
                    out.add(new Detection(at(k), radar, SensorKind.RADAR, ll[0], ll[1], 15, Fixtures.MARKING));
                }
                if (noise.nextDouble() < 0.3) {
                    west.toLatLon(noise.nextDouble() * 40_000 - 10_000, noise.nextDouble() * 20_000 - 10_000, ll);
                    out.add(new Detection(at(k), radar, SensorKind.RADAR, ll[0], ll[1], 15, Fixtures.MARKING));
                }
            }
            // Every seventh scan one detection of radar-1 comes a scan late (inside the reorder window).
            if (held != null) {
                out.add(held);
                held = null;
            }
            if (k % 7 == 3) {
                held = out.remove(out.size() - 1);
            }
        }
        return out;
    }

    @Test
    void aTrackerRestoredFromItsStateContinuesExactlyAsTheOriginal() {
        List<Detection> feed = feed();
        MultiSectorTracker original = tracker();
        List<TrackUpdate> expected = new ArrayList<>();
        feed.forEach(d -> expected.addAll(original.accept(d)));
        expected.addAll(original.flush());

        // The same feed, but every 97 detections the tracker is replaced by a fresh one restored from its state.
        MultiSectorTracker current = tracker();
        List<TrackUpdate> actual = new ArrayList<>();
        for (int i = 0; i < feed.size(); i++) {
            if (i % 97 == 50) {
                TrackerState s = current.state();
                current = tracker();
                current.restore(s);
            }
            actual.addAll(current.accept(feed.get(i)));
        }
        actual.addAll(current.flush());

        assertThat(original.handovers()).isGreaterThanOrEqualTo(1);
        assertThat(expected.stream().map(TrackUpdate::track).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(actual).isEqualTo(expected);
        assertThat(current.lateDetections()).isEqualTo(original.lateDetections());
        assertThat(current.handovers()).isEqualTo(original.handovers());
        assertThat(current.outsideDetections()).isEqualTo(original.outsideDetections());
    }

    @Test
    void theStateCarriesIdCountersPendingDetectionsAndFilterState() {
        MultiSectorTracker t = tracker();
        List<Detection> feed = feed();
        feed.subList(0, 200).forEach(t::accept);
        TrackerState s = t.state();
        assertThat(s.pending()).isNotEmpty();
        assertThat(s.latest()).isEqualTo(feed.subList(0, 200).stream().map(Detection::time).max(Comparable::compareTo)
                .orElseThrow());
        TrackerState.Sector w = s.sectors().get(0);
        assertThat(w.id()).isEqualTo("W");
        assertThat(w.nextId()).isGreaterThan(1);
        assertThat(w.tracks()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.cov()).hasSize(16);
            assertThat(Long.parseLong(r.id().substring(r.id().indexOf('-') + 1))).isLessThan(w.nextId());
        });
        // Restoring into a tracker over other sectors is refused.
        MultiSectorTracker other = new MultiSectorTracker(TrackerConfig.DEFAULTS,
                List.of(new Sector("N", "north", "south", "UZ", Posture.NORMAL, 44.0, 68.0)),
                SectorLocator.ofOrigins(List.of(WEST)));
        assertThatThrownBy(() -> other.restore(s)).isInstanceOf(IllegalArgumentException.class);
    }
}
