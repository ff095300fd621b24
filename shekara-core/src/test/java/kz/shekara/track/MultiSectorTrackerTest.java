package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import org.junit.jupiter.api.Test;

class MultiSectorTrackerTest {
    static final Sector WEST = new Sector("W", "west", "south", "UZ", Posture.NORMAL, 43.0, 68.0);
    static final Sector EAST = new Sector("E", "east", "south", "KG", Posture.NORMAL, 43.0, 68.5);

    @Test
    void handsATrackCrossingIntoTheNextSectorOverWithItsIdNeverDuplicatedOrLost() {
        // Sector boundary at about lon 68.25 (equidistant from the origins); a vehicle drives east across it at 15 m/s.
        MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS,
                List.of(WEST, EAST), SectorLocator.ofOrigins(List.of(WEST, EAST)));
        LocalFrame west = new LocalFrame(43.0, 68.0);
        double[] ll = new double[2];
        List<TrackUpdate> out = new ArrayList<>();
        java.util.Random noise = new java.util.Random(5);
        for (int k = 0; k <= 240; k++) {
            west.toLatLon(17_000 + 15.0 * k + noise.nextGaussian() * 15, 200 + noise.nextGaussian() * 15, ll);
            out.addAll(tracker.accept(new Detection(at(k), "radar-1", SensorKind.RADAR, ll[0], ll[1], 15,
                    Fixtures.MARKING)));
        }
        out.addAll(tracker.flush());
        assertThat(tracker.handovers()).isGreaterThanOrEqualTo(1);
        Map<String, TreeSet<String>> sectorsById = new TreeMap<>();
        out.forEach(u -> sectorsById.computeIfAbsent(u.track(), k -> new TreeSet<>()).add(u.sector()));
        assertThat(sectorsById).hasSize(1);
        assertThat(sectorsById.values().iterator().next()).containsExactly("E", "W");
        // From its confirmation on, the track is reported at every scan time, exactly once.
        TreeMap<java.time.Instant, Integer> perTime = new TreeMap<>();
        out.forEach(u -> perTime.merge(u.time(), 1, Integer::sum));
        assertThat(perTime.values()).containsOnly(1);
        assertThat(perTime.lastKey()).isEqualTo(at(240));
        assertThat(out.get(out.size() - 1).lon()).isGreaterThan(68.25);
    }

    @Test
    void handedOverTrackIsNotMissedByASensorOfTheNewSectorThatNeverSawIt() {
        // radar-2 watches a parked object inside the east sector from the start, so it takes the first
        // place in the east tracker's sensor table; only radar-1 sees the vehicle that crosses over.
        // After hand-over, radar-2's scans must not count as misses of the vehicle's track.
        MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS,
                List.of(WEST, EAST), SectorLocator.ofOrigins(List.of(WEST, EAST)));
        LocalFrame west = new LocalFrame(43.0, 68.0);
        LocalFrame east = new LocalFrame(43.0, 68.5);
        double[] ll = new double[2];
        double[] parked = new double[2];
        east.toLatLon(10_000, 0, parked);
        List<TrackUpdate> out = new ArrayList<>();
        java.util.Random noise = new java.util.Random(11);
        for (int k = 0; k <= 420; k++) {
            out.addAll(tracker.accept(new Detection(at(k), "radar-2", SensorKind.RADAR,
                    parked[0], parked[1], 15, Fixtures.MARKING)));
            if (k % 6 == 0) {
                // radar-1 reports every 6 s: radar-2 scans five times in between, as many as a track may miss.
                west.toLatLon(16_000 + 15.0 * k + noise.nextGaussian() * 15, 200 + noise.nextGaussian() * 15, ll);
                out.addAll(tracker.accept(new Detection(at(k), "radar-1", SensorKind.RADAR, ll[0], ll[1], 15,
                        Fixtures.MARKING)));
            }
        }
        out.addAll(tracker.flush());
        assertThat(tracker.handovers()).isGreaterThanOrEqualTo(1);
        List<TrackUpdate> vehicle = out.stream().filter(u -> u.lon() < 68.5).toList();
        assertThat(vehicle).extracting(TrackUpdate::track).as("one id from start to end").containsOnly(vehicle.get(0).track());
        assertThat(vehicle).extracting(TrackUpdate::sector).contains("W", "E");
        assertThat(vehicle.get(vehicle.size() - 1).time()).isEqualTo(at(420));
    }
}
