package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Initiator must do. */
class InitiatorContractTest {
    static Stream<Initiator> initiators() {
        return Stream.of(new MOfNInitiator(2, 3, 20), new MOfNInitiator(3, 4, 30), new MOfNInitiator(1, 1, 5));
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void startsATentativeStateAtThePlot(Initiator i) {
        GaussianState s = i.initiate(Fixtures.plot(3, 120, -40, 25), at(3));
        assertThat(s.time()).isEqualTo(at(3));
        assertThat(s.east()).isEqualTo(120);
        assertThat(s.north()).isEqualTo(-40);
        assertThat(s.positionSigmaM()).isEqualTo(25);
        assertThat(s.cov(2, 2)).isPositive();
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void neverBothConfirmsAndAbandonsAndADetectionStreakConfirms(Initiator i) {
        for (int scans = 1; scans <= 8; scans++) {
            for (int hits = 1; hits <= scans; hits++) {
                assertThat(i.confirms(hits, scans) && i.abandons(hits, scans)).isFalse();
            }
        }
        int scans = 1;
        while (!i.confirms(scans, scans)) {
            assertThat(i.abandons(scans, scans)).isFalse();
            scans++;
        }
        assertThat(scans).isLessThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void abandonsATrackThatKeepsMissing(Initiator i) {
        int scans = 1;
        while (!i.abandons(1, scans) && !i.confirms(1, scans)) {
            scans++;
        }
        assertThat(scans).isLessThanOrEqualTo(8);
    }

    @org.junit.jupiter.api.Test
    void mOfNCountsHitsWithinTheWindow() {
        MOfNInitiator i = new MOfNInitiator(3, 4, 30);
        assertThat(i.confirms(3, 4)).isTrue();
        assertThat(i.confirms(2, 3)).isFalse();
        assertThat(i.abandons(1, 3)).isTrue();
        assertThat(i.abandons(2, 3)).isFalse();
    }
}
