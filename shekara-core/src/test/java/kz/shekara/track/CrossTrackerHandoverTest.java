package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.SectorLocator;
import org.junit.jupiter.api.Test;

/**
 * Two trackers over the same two sectors, each owning one and fed only its own sector's detections,
 * handing tracks over to each other ({@link MultiSectorTracker#handOverAcross}), give the track ids one
 * tracker over both sectors gives: a vehicle driving across the boundary keeps its one track id.
 */
class CrossTrackerHandoverTest {
    private static final List<kz.shekara.theatre.Sector> BOTH = List.of(MultiSectorTrackerTest.WEST,
            MultiSectorTrackerTest.EAST);
    private static final SectorLocator LOCATOR = SectorLocator.ofOrigins(BOTH);

    @Test
    void twoTrackersHandingOverGiveWhatOneTrackerOverBothSectorsGives() {
        List<Detection> detections = crossing();
        MultiSectorTracker one = new MultiSectorTracker(TrackerConfig.DEFAULTS, BOTH, LOCATOR,
                MultiSectorTracker.Mode.LIVE);
        List<TrackUpdate> expected = new ArrayList<>();
        detections.forEach(d -> expected.addAll(one.accept(d)));
        expected.addAll(one.flush());

        MultiSectorTracker west = split(0, "W", Duration.ZERO);
        MultiSectorTracker east = split(1, "E", Duration.ZERO);
        List<TrackUpdate> got = new ArrayList<>();
        for (Detection d : detections) {
            MultiSectorTracker owner = "W".equals(LOCATOR.sectorOf(d.lat(), d.lon())) ? west : east;
            got.addAll(owner.accept(d));
            west.takeHandovers().forEach(east::receive);
            east.takeHandovers().forEach(west::receive);
        }
        got.addAll(west.flush());
        got.addAll(east.flush());

        assertThat(one.handovers()).isPositive();
        assertThat(west.handovers()).as("handed over inside the west tracker, then sent").isPositive();
        assertThat(east.handovers()).as("adopted by the east tracker").isPositive();
        assertThat(ids(got)).as("the same track ids as one tracker").isEqualTo(ids(expected)).hasSize(2);
        List<TrackUpdate> vehicle = got.stream().filter(u -> u.lon() > 68.1).sorted(Comparator.comparing(TrackUpdate::time))
                .toList();
        assertThat(vehicle).extracting(TrackUpdate::track).as("one id across the boundary").containsOnly(vehicle.get(0).track());
        assertThat(vehicle).extracting(TrackUpdate::sector).contains("W", "E");
        assertThat(vehicle.getLast().time()).isEqualTo(at(240));
        assertThat(vehicle.getLast().sector()).isEqualTo("E");
    }

    @Test
    void withoutHandOverTheOtherTrackerStartsATrackOfItsOwn() {
        MultiSectorTracker west = split(0, "W", Duration.ZERO);
        MultiSectorTracker east = split(1, "E", Duration.ZERO);
        List<TrackUpdate> got = new ArrayList<>();
        for (Detection d : crossing()) {
            MultiSectorTracker owner = "W".equals(LOCATOR.sectorOf(d.lat(), d.lon())) ? west : east;
            got.addAll(owner.accept(d));
            west.takeHandovers();
            east.takeHandovers();
        }
        assertThat(got.stream().filter(u -> u.lon() > 68.1).map(TrackUpdate::track).distinct().toList())
                .as("the vehicle's tracks: one in each tracker").hasSize(2);
    }

    @Test
    void aHandOverIsAdoptedAfterItsLagOnceAndOnlyIntoASectorOwned() {
        MultiSectorTracker west = split(0, "W", Duration.ZERO);
        MultiSectorTracker east = split(1, "E", Duration.ofSeconds(3));
        List<TrackHandover> sent = new ArrayList<>();
        for (Detection d : crossing()) {
            if ("W".equals(LOCATOR.sectorOf(d.lat(), d.lon()))) {
                west.accept(d);
                sent.addAll(west.takeHandovers());
            }
        }
        assertThat(sent).hasSize(1);
        TrackHandover h = sent.getFirst();
        assertThat(h.toSector()).isEqualTo("E");
        assertThat(h.fromPartition()).isZero();
        assertThat(h.track().id()).startsWith("W-");
        assertThat(h.track().modeProbabilities()).isNotEmpty();
        assertThat(east.receive(h)).isTrue();
        assertThat(east.receive(h)).as("the same hand-over again").isFalse();
        assertThatThrownBy(() -> west.receive(h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> east.receive(TrackHandover.mark(h.time(), "E", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        LocalFrame frame = new LocalFrame(43.0, 68.5);
        double[] ll = new double[2];
        frame.toLatLon(-15_000, 0, ll);
        // A scan within the lag does not see the track; the first after it does.
        east.accept(new Detection(h.time().plusSeconds(1), "radar-9", SensorKind.RADAR, ll[0], ll[1], 15,
                Fixtures.MARKING));
        east.accept(new Detection(h.time().plusSeconds(60), "radar-9", SensorKind.RADAR, ll[0], ll[1], 15,
                Fixtures.MARKING));
        assertThat(east.handovers()).isZero();
        east.accept(new Detection(h.time().plusSeconds(120), "radar-9", SensorKind.RADAR, ll[0], ll[1], 15,
                Fixtures.MARKING));
        assertThat(east.handovers()).isEqualTo(1);
        assertThat(east.liveTracks()).isPositive();
    }

    private static MultiSectorTracker split(int partition, String owned, Duration lag) {
        return new MultiSectorTracker(TrackerConfig.DEFAULTS, BOTH, LOCATOR, MultiSectorTracker.Mode.LIVE)
                .handOverAcross(partition, owned::equals, lag);
    }

    /**
     * A vehicle driving east at 15 m/s across the boundary (about lon 68.25) and a parked object in the
     * west sector, one radar plot each a second.
     */
    private static List<Detection> crossing() {
        LocalFrame west = new LocalFrame(43.0, 68.0);
        double[] ll = new double[2];
        double[] parked = new double[2];
        west.toLatLon(5_000, 0, parked);
        Random noise = new Random(5);
        List<Detection> out = new ArrayList<>();
        for (int k = 0; k <= 240; k++) {
            out.add(new Detection(at(k), "radar-1", SensorKind.RADAR, parked[0], parked[1], 15, Fixtures.MARKING));
            west.toLatLon(17_000 + 15.0 * k + noise.nextGaussian() * 15, 200 + noise.nextGaussian() * 15, ll);
            out.add(new Detection(at(k), "radar-1", SensorKind.RADAR, ll[0], ll[1], 15, Fixtures.MARKING));
        }
        return out;
    }

    private static java.util.Set<String> ids(List<TrackUpdate> updates) {
        return new java.util.TreeSet<>(updates.stream().map(TrackUpdate::track).toList());
    }
}
