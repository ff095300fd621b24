package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Updater must do. */
class UpdaterContractTest {
    static Stream<Updater> updaters() {
        return Stream.of(new KalmanUpdater());
    }

    final GaussianState predicted = GaussianState.diagonal(at(1), 0, 0, 5, 0, 900, 100);

    @ParameterizedTest
    @MethodSource("updaters")
    void innovationCovarianceAddsTheSensorVariance(Updater u) {
        MeasurementPrediction m = u.predictMeasurement(predicted, 20);
        assertThat(m.east()).isZero();
        assertThat(m.s00()).isCloseTo(1300, within(1e-9));
        assertThat(m.s11()).isCloseTo(1300, within(1e-9));
        assertThat(m.s01()).isCloseTo(0, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("updaters")
    void pullsTheStateTowardsThePlotAndShrinksItsUncertainty(Updater u) {
        Plot z = Fixtures.plot(1, 60, -30, 20);
        MeasurementPrediction m = u.predictMeasurement(predicted, 20);
        GaussianState s = u.update(new Hypothesis.Associated(predicted, z, m, m.mahalanobis2(60, -30)));
        assertThat(s.time()).isEqualTo(predicted.time());
        assertThat(s.east()).isStrictlyBetween(0.0, 60.0);
        assertThat(s.north()).isStrictlyBetween(-30.0, 0.0);
        assertThat(s.positionSigmaM()).isLessThan(20).isLessThan(predicted.positionSigmaM());
        for (int i = 0; i < 4; i++) {
            assertThat(s.cov(i, i)).isPositive();
            for (int j = 0; j < 4; j++) {
                assertThat(s.cov(i, j)).isCloseTo(s.cov(j, i), within(1e-9));
            }
        }
    }
}
