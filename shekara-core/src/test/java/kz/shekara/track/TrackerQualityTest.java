package kz.shekara.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.track.metric.Score;
import kz.shekara.track.metric.TrackScorer;
import org.junit.jupiter.api.Test;

class TrackerQualityTest {
    static final TrackScorer SCORER = new TrackScorer(100, 2, 3.5);

    static List<TrackUpdate> run(TrackerConfig config, TrackingScenario.Data data) {
        Sector sector = new Sector("S1", "test", "south", "UZ", Posture.NORMAL, 43.0, 68.0);
        MultiSectorTracker tracker = new MultiSectorTracker(config, List.of(sector), new NearestOriginSectorMap(List.of(sector)));
        List<TrackUpdate> out = new ArrayList<>();
        for (Detection d : data.detections()) {
            out.addAll(tracker.accept(d));
        }
        out.addAll(tracker.flush());
        assertThat(tracker.lateDetections()).isZero();
        return out;
    }

    @Test
    void tracksTwentyMoversThroughClutterWithTwoSensorsOutOfOrder() {
        TrackingScenario.Data data = TrackingScenario.standard(20, Duration.ofMinutes(3), 7).generate();
        Score s = SCORER.score(data.truth(), run(TrackerConfig.DEFAULTS, data));
        System.out.println("gnn " + s);
        Score ref = SCORER.score(data.truth(), run(TrackerConfig.DEFAULTS.withAssociator("all-pairs"), data));
        System.out.println("all-pairs " + ref);
    }
}
