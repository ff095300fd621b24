package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.SectorLocator;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiSectorTracker#reached}: a tracker told that its input goes on no earlier than a time moves its tracks
 * on to it as a scan of another sensor would, so a sector gone quiet ends its tracks as one tracker over every
 * sensor does. radar-2 watches a parked object in the east sector from 0 to 60 s and again from 200 s to 260 s;
 * radar-1, in the west sector, reports a parked object every second throughout.
 */
class WatermarkCoastTest {
    private static final List<kz.shekara.theatre.Sector> SECTORS =
            List.of(MultiSectorTrackerTest.WEST, MultiSectorTrackerTest.EAST);

    private static MultiSectorTracker tracker(MultiSectorTracker.Mode mode) {
        return new MultiSectorTracker(TrackerConfig.DEFAULTS, SECTORS, SectorLocator.ofOrigins(SECTORS), mode);
    }

    /** The east object's plots at second {@code k}, none in the pause. */
    private static List<Detection> east(int k, java.util.Random noise) {
        if (k > 60 && k < 200) {
            return List.of();
        }
        double[] ll = new double[2];
        new LocalFrame(43.0, 68.5).toLatLon(5_000 + noise.nextGaussian() * 10, 3_000 + noise.nextGaussian() * 10, ll);
        return List.of(new Detection(at(k), "radar-2", SensorKind.RADAR, ll[0], ll[1], 10, Fixtures.MARKING));
    }

    private static Detection west(int k, java.util.Random noise) {
        double[] ll = new double[2];
        new LocalFrame(43.0, 68.0).toLatLon(-3_000 + noise.nextGaussian() * 10, 1_000 + noise.nextGaussian() * 10, ll);
        return new Detection(at(k), "radar-1", SensorKind.RADAR, ll[0], ll[1], 10, Fixtures.MARKING);
    }

    /** The ids of the east sector's tracks among {@code updates}. */
    private static Set<String> eastIds(List<TrackUpdate> updates) {
        Set<String> out = new TreeSet<>();
        updates.stream().filter(u -> u.sector().equals(MultiSectorTrackerTest.EAST.id())).forEach(u -> out.add(u.track()));
        return out;
    }

    /** One tracker over both sensors (as {@code process}): the east track ends in the pause, a new one follows it. */
    private static List<TrackUpdate> everySensor() {
        MultiSectorTracker one = tracker(MultiSectorTracker.Mode.BATCH);
        java.util.Random noise = new java.util.Random(5);
        java.util.Random westNoise = new java.util.Random(6);
        List<TrackUpdate> out = new ArrayList<>();
        for (int k = 0; k <= 260; k++) {
            for (Detection d : east(k, noise)) {
                out.addAll(one.accept(d));
            }
            out.addAll(one.accept(west(k, westNoise)));
        }
        out.addAll(one.flush());
        return out;
    }

    /** A tracker fed the east sensor only (a partition of its own), told every second in the pause how far time has gone. */
    private static List<TrackUpdate> eastOnly(boolean watermarks) {
        MultiSectorTracker quiet = tracker(MultiSectorTracker.Mode.LIVE);
        java.util.Random noise = new java.util.Random(5);
        List<TrackUpdate> out = new ArrayList<>();
        for (int k = 0; k <= 260; k++) {
            List<Detection> plots = east(k, noise);
            for (Detection d : plots) {
                out.addAll(quiet.accept(d));
            }
            if (plots.isEmpty() && watermarks) {
                out.addAll(quiet.reached(at(k)));
            }
        }
        out.addAll(quiet.flush());
        return out;
    }

    @Test
    void aSectorQuietLongerThanTheCoastEndsItsTrackAtTheWatermarksAsOneTrackerOverEverySensorDoes() {
        Set<String> expected = eastIds(everySensor());
        assertThat(expected).as("east track ids of one tracker over every sensor").hasSize(2);

        List<TrackUpdate> withWatermarks = eastOnly(true);
        assertThat(eastIds(withWatermarks)).isEqualTo(expected);
        TrackUpdate end = withWatermarks.stream().filter(u -> u.status() == TrackStatus.DELETED).findFirst().orElseThrow();
        assertThat(end.time()).as("the first track ended within the pause, once it had coasted past the deleter's limit")
                .isAfter(at(60)).isBefore(at(100));

        assertThat(eastIds(eastOnly(false))).as("without watermarks the first track lives on through the pause").hasSize(1);
    }
}
