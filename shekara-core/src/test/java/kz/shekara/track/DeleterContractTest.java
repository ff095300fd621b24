package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kz.shekara.model.TrackStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Deleter must do: keep a fresh, well-known track; end one that is stale, lost or vague. */
class DeleterContractTest {
    static Stream<Deleter> deleters() {
        return Stream.of(new MissedScanDeleter(3, Duration.ofSeconds(20)), new CovarianceDeleter(500),
                new AnyDeleter(List.of(new MissedScanDeleter(3, Duration.ofSeconds(20)), new CovarianceDeleter(500))),
                new AnyDeleter(List.of(new MissedScanDeleter(3, Duration.ofSeconds(20)), new CovarianceDeleter(500),
                        new ProvisionalTrackDeleter(3, 2))));
    }

    static TrackSummary summary(double posVar, double lastSeenS, int misses) {
        return new TrackSummary("S1-1", TrackStatus.COASTING, GaussianState.diagonal(at(100), 0, 0, 1, 1, posVar, 4),
                at(lastSeenS), misses);
    }

    @ParameterizedTest
    @MethodSource("deleters")
    void keepsAFreshTrack(Deleter d) {
        assertThat(d.shouldDelete(summary(400, 99, 0), at(100))).isFalse();
        assertThat(d.shouldDelete(summary(400, 99, 1), at(100))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("deleters")
    void endsATrackThatHasLostItsObject(Deleter d) {
        // Many misses, long silence and a covariance that has blown up: every deleter must end this one.
        assertThat(d.shouldDelete(summary(1e7, 10, 10), at(100))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void eachDeleterUsesItsOwnCriterion() {
        Deleter missed = new MissedScanDeleter(3, Duration.ofSeconds(20));
        Deleter cov = new CovarianceDeleter(500);
        assertThat(missed.shouldDelete(summary(400, 99, 3), at(100))).isTrue();
        assertThat(missed.shouldDelete(summary(400, 79, 0), at(100))).isTrue();
        assertThat(missed.shouldDelete(summary(1e7, 99, 0), at(100))).isFalse();
        assertThat(cov.shouldDelete(summary(1e7, 99, 0), at(100))).isTrue();
        assertThat(cov.shouldDelete(summary(400, 0, 9), at(100))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aTrackConfirmedOnTwoPlotsEndsSoonerUntilItsThirdPlot() {
        Deleter provisional = new ProvisionalTrackDeleter(3, 2);
        GaussianState s = GaussianState.diagonal(at(100), 0, 0, 1, 1, 400, 4);
        assertThat(provisional.shouldDelete(new TrackSummary("S1-1", TrackStatus.COASTING, s, at(98), 2, 2), at(100)))
                .isTrue();
        assertThat(provisional.shouldDelete(new TrackSummary("S1-1", TrackStatus.COASTING, s, at(99), 1, 2), at(100)))
                .isFalse();
        assertThat(provisional.shouldDelete(new TrackSummary("S1-1", TrackStatus.COASTING, s, at(98), 2, 3), at(100)))
                .isFalse();
        // Tentative tracks are the initiator's to end.
        assertThat(provisional.shouldDelete(new TrackSummary("S1-1", TrackStatus.TENTATIVE, s, at(98), 2, 2), at(100)))
                .isFalse();
    }

    @org.junit.jupiter.api.Test
    void queriesNeverChangeTheTrack() {
        TrackSummary s = summary(1e7, 10, 10);
        GaussianState before = GaussianState.of(s.state().time(), new double[] {0, 0, 1, 1},
                new double[] {1e7, 0, 0, 0, 0, 1e7, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4});
        deleters().forEach(d -> d.shouldDelete(s, at(100)));
        assertThat(s.state()).isEqualTo(before);
    }
}
