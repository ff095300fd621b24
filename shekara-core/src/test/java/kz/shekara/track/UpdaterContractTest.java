package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Updater must do. */
class UpdaterContractTest {
    static final GaussianState SINGLE = GaussianState.diagonal(at(1), 0, 0, 5, 0, 900, 100);

    /** Each updater with a predicted state of its own kind whose combined mean and covariance are {@link #SINGLE}'s. */
    static Stream<Arguments> updaters() {
        double[] mean = {0, 0, 5, 0};
        double[] cov = {900, 0, 0, 0, 0, 900, 0, 0, 0, 0, 100, 0, 0, 0, 0, 100};
        GaussianState twoModes = GaussianState.owning(at(1), mean.clone(), cov.clone(), new GaussianState.Modes(
                new double[] {0.3, 0.7}, new double[][] {mean.clone(), mean.clone()}, new double[][] {cov.clone(), cov.clone()}));
        return Stream.of(Arguments.of(new KalmanUpdater(), SINGLE), Arguments.of(new ImmUpdater(), SINGLE),
                Arguments.of(new ImmUpdater(), twoModes));
    }

    @ParameterizedTest
    @MethodSource("updaters")
    void innovationCovarianceAddsTheSensorVariance(Updater u, GaussianState predicted) {
        MeasurementPrediction m = u.predictMeasurement(predicted, 20);
        assertThat(m.east()).isZero();
        assertThat(m.s00()).isCloseTo(1300, within(1e-9));
        assertThat(m.s11()).isCloseTo(1300, within(1e-9));
        assertThat(m.s01()).isCloseTo(0, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("updaters")
    void pullsTheStateTowardsThePlotAndShrinksItsUncertainty(Updater u, GaussianState predicted) {
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
