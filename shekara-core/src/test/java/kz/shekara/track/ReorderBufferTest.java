package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    static Detection det(double t, String sensor) {
        return new Detection(at(t), sensor, SensorKind.RADAR, 43, 68, 10, Fixtures.MARKING);
    }

    @Test
    void releasesScansInEventTimeOrderOnceTheWatermarkPassesThem() {
        ReorderBuffer b = new ReorderBuffer(Duration.ofSeconds(2));
        List<Scan> out = new ArrayList<>();
        out.addAll(b.add(det(1, "b")));
        out.addAll(b.add(det(2, "a")));
        out.addAll(b.add(det(1, "a")));   // late, within the window
        out.addAll(b.add(det(1, "a")));   // same scan
        assertThat(out).isEmpty();
        out.addAll(b.add(det(3.5, "a"))); // watermark 1.5 passes the scans at t = 1
        assertThat(out).extracting(Scan::sensor).containsExactly("a", "b");
        assertThat(out.get(0).detections()).hasSize(2);
        out.addAll(b.flush());
        assertThat(out).extracting(s -> s.time()).containsExactly(at(1), at(1), at(2), at(3.5));
        assertThat(b.lateDetections()).isZero();
    }

    @Test
    void runsOfOneScanAndScansComingBackAfterOthersGoToTheirOwnScan() {
        ReorderBuffer b = new ReorderBuffer(Duration.ofSeconds(0));
        List<Detection> in = List.of(det(1, "a"), det(1, "a"), det(1, "b"), det(1, "a"), det(1, "b"), det(1.5, "a"),
                det(1, "a"));
        for (Detection d : in) {
            assertThat(b.add(d, false)).isEmpty();
        }
        List<Scan> out = b.flush();
        assertThat(out).extracting(Scan::sensor).containsExactly("a", "b", "a");
        assertThat(out).extracting(s -> s.detections().size()).containsExactly(4, 2, 1);
        // Restored and released scans start afresh: nothing of them is added to later.
        b.restore(List.of(det(3, "a")), at(3), 0);
        assertThat(b.add(det(3, "a"))).isEmpty();
        assertThat(b.add(det(4, "a"))).singleElement().satisfies(s -> assertThat(s.detections()).hasSize(2));
        assertThat(b.add(det(4, "a"))).isEmpty();
        assertThat(b.flush()).singleElement().satisfies(s -> assertThat(s.detections()).hasSize(2));
        assertThat(b.lateDetections()).isZero();
    }

    @Test
    void dropsAndCountsADetectionOlderThanTheWatermark() {
        ReorderBuffer b = new ReorderBuffer(Duration.ofSeconds(1));
        b.add(det(10, "a"));
        assertThat(b.add(det(8.5, "a"))).isEmpty();
        assertThat(b.lateDetections()).isEqualTo(1);
        assertThat(b.flush()).singleElement().extracting(Scan::time).isEqualTo(at(10));
    }

    @Test
    void advancingToTheNextDetectionsTimeReleasesWhatThatDetectionWouldWithTheSameDetections() {
        ReorderBuffer ahead = new ReorderBuffer(Duration.ofSeconds(2));
        ReorderBuffer plain = new ReorderBuffer(Duration.ofSeconds(2));
        for (double t : new double[] {1, 2, 3}) {
            ahead.add(det(t, "a"));
            plain.add(det(t, "a"));
        }
        List<Scan> early = new ArrayList<>(ahead.advanceTo(at(4.5)));
        assertThat(early).extracting(Scan::time).containsExactly(at(1), at(2));
        assertThat(ahead.latest()).as("the latest time seen does not move").isEqualTo(at(3));
        early.addAll(ahead.add(det(4.5, "a")));
        List<Scan> late = plain.add(det(4.5, "a"));
        assertThat(early).isEqualTo(late);
        assertThat(ahead.pending()).isEqualTo(plain.pending());
    }

    @Test
    void progressIsTheLatestTimeOrTheNextDetectionsButNoLaterThanTheEarliestPendingPlusTheWindow() {
        ReorderBuffer b = new ReorderBuffer(Duration.ofSeconds(2));
        assertThat(b.progress(null)).as("nothing seen, nothing known").isNull();
        assertThat(b.progress(at(5))).as("the next detection's time, nothing pending").isEqualTo(at(5));
        b.add(det(10, "a"));
        assertThat(b.progress(null)).isEqualTo(at(10));
        assertThat(b.progress(at(9))).as("an older next detection does not move it back").isEqualTo(at(10));
        assertThat(b.progress(at(30))).as("the scan at 10 s still to run").isEqualTo(at(12));
        b.advanceTo(at(30));
        assertThat(b.progress(at(30))).isEqualTo(at(30));
    }
}
