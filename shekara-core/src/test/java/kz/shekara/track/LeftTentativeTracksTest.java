package kz.shekara.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Sector;
import org.junit.jupiter.api.Test;

/**
 * Leaving a tentative track at its own time when a scan cannot touch it (see {@link SectorTracker#update})
 * changes nothing a consumer sees: the same tracks, ids, times and statuses as the loop that moves
 * every track to every scan, with states equal to rounding, in one sector and across two.
 */
class LeftTentativeTracksTest {

    private static List<TrackUpdate> run(List<Sector> sectors, List<Detection> detections, MultiSectorTracker.Mode mode,
                                         UnaryOperator<MultiSectorTracker> setup) {
        MultiSectorTracker tracker = setup.apply(new MultiSectorTracker(TrackerConfig.DEFAULTS, sectors,
                new NearestOriginSectorMap(sectors), mode));
        List<TrackUpdate> out = new ArrayList<>();
        for (Detection d : detections) {
            out.addAll(tracker.accept(d));
        }
        out.addAll(tracker.flush());
        return out;
    }

    private static void assertSame(List<TrackUpdate> left, List<TrackUpdate> reference) {
        assertThat(left).hasSameSizeAs(reference);
        for (int i = 0; i < reference.size(); i++) {
            TrackUpdate a = left.get(i);
            TrackUpdate b = reference.get(i);
            assertThat(a.track()).isEqualTo(b.track());
            assertThat(a.time()).isEqualTo(b.time());
            assertThat(a.status()).isEqualTo(b.status());
            assertThat(a.sensors()).isEqualTo(b.sensors());
            assertThat(a.lat()).isCloseTo(b.lat(), within(1e-9));
            assertThat(a.lon()).isCloseTo(b.lon(), within(1e-9));
            assertThat(a.vnMps()).isCloseTo(b.vnMps(), within(1e-6));
            assertThat(a.veMps()).isCloseTo(b.veMps(), within(1e-6));
        }
    }

    @Test
    void twoSensorsWithClutterOverOneSectorGiveTheReferenceTracks() {
        // 60 movers, radars of 20 m / 1 s and 50 m / 3 s with clutter, reports up to 1.5 s late.
        TrackingScenario.Data data = TrackingScenario.standard(60, Duration.ofMinutes(3), 11).generate();
        List<Sector> one = List.of(new Sector("S1", "test", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0,
                68.0));
        for (MultiSectorTracker.Mode mode : MultiSectorTracker.Mode.values()) {
            List<TrackUpdate> reference = run(one, data.detections(), mode, MultiSectorTracker::everyTrackEveryScan);
            List<TrackUpdate> left = run(one, data.detections(), mode, UnaryOperator.identity());
            assertThat(reference).as(mode.name()).hasSizeGreaterThan(1000);
            assertSame(left, reference);
        }
    }

    @Test
    void theSameAcrossTwoSectorsWithHandOvers() {
        TrackingScenario.Data data = TrackingScenario.standard(40, Duration.ofMinutes(2), 5).generate();
        List<Sector> two = List.of(new Sector("W", "west", "south", "UZ", kz.shekara.theatre.Posture.NORMAL, 43.0,
                67.95), new Sector("E", "east", "south", "KG", kz.shekara.theatre.Posture.NORMAL, 43.0, 68.05));
        List<TrackUpdate> reference = run(two, data.detections(), MultiSectorTracker.Mode.LIVE,
                MultiSectorTracker::everyTrackEveryScan);
        List<TrackUpdate> left = run(two, data.detections(), MultiSectorTracker.Mode.LIVE, UnaryOperator.identity());
        assertThat(reference.stream().map(TrackUpdate::sector).distinct()).containsExactlyInAnyOrder("W", "E");
        assertSame(left, reference);
    }
}
