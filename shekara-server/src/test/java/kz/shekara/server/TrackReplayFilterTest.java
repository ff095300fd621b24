package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import org.junit.jupiter.api.Test;

/** A consumer of track updates that a tracker worker's take-over sends again takes each update once. */
class TrackReplayFilterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TrackUpdate update(String track, int s, TrackStatus status) {
        return new TrackUpdate(T0.plusSeconds(s), track, "uz-01", 41.0 + s * 1e-4, 69.0, 1.0, 0.0, 400, 0, 400, status,
                TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), Marking.of(Classification.RESTRICTED, "kz-bs", List.of()));
    }

    @Test
    void dropsUpdatesSentAgainAfterATakeOver() {
        TrackReplayFilter filter = new TrackReplayFilter();
        List<TrackUpdate> first = List.of(update("uz-01-1", 1, TrackStatus.CONFIRMED),
                update("uz-01-1", 2, TrackStatus.CONFIRMED), update("uz-01-1", 3, TrackStatus.COASTING));
        // The taker re-handles what followed the last commit (after second 1) and sends it again, then goes on.
        List<TrackUpdate> resent = List.of(update("uz-01-1", 2, TrackStatus.CONFIRMED),
                update("uz-01-1", 3, TrackStatus.COASTING), update("uz-01-1", 4, TrackStatus.DELETED));
        List<TrackUpdate> taken = new java.util.ArrayList<>();
        first.forEach(u -> {
            if (filter.fresh(u)) {
                taken.add(u);
            }
        });
        resent.forEach(u -> {
            if (filter.fresh(u)) {
                taken.add(u);
            }
        });
        assertThat(taken).containsExactly(first.get(0), first.get(1), first.get(2), resent.get(2));
        assertThat(filter.dropped()).isEqualTo(2);
        // An ended track's earlier updates sent again are still known.
        assertThat(filter.fresh(update("uz-01-1", 3, TrackStatus.COASTING))).isFalse();
    }

    @Test
    void takesADifferentUpdateAtTheSameTimeAndOtherTracks() {
        TrackReplayFilter filter = new TrackReplayFilter();
        assertThat(filter.fresh(update("uz-01-1", 5, TrackStatus.CONFIRMED))).isTrue();
        assertThat(filter.fresh(update("uz-01-1", 5, TrackStatus.DELETED))).isTrue();
        assertThat(filter.fresh(update("uz-01-2", 1, TrackStatus.CONFIRMED))).isTrue();
        assertThat(filter.dropped()).isZero();
    }
}
