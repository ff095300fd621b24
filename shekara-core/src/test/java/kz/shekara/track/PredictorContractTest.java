package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Predictor must do. */
class PredictorContractTest {
    static Stream<Predictor> predictors() {
        return Stream.of(new CvKalmanPredictor(0), new CvKalmanPredictor(0.5), new CvKalmanPredictor(20),
                new ImmPredictor(new double[] {0.001, 0.1}, new double[] {0.5, 0.5}, 60),
                new ImmPredictor(new double[] {0, 0.5, 20}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 5));
    }

    final GaussianState prior = GaussianState.diagonal(at(10), 100, -50, 3, -4, 400, 9);

    @ParameterizedTest
    @MethodSource("predictors")
    void predictingToTheSameTimeChangesNothing(Predictor p) {
        assertThat(p.predict(prior, at(10))).isEqualTo(prior);
    }

    @ParameterizedTest
    @MethodSource("predictors")
    void movesTheMeanByTheVelocityAndStampsTheTime(Predictor p) {
        GaussianState s = p.predict(prior, at(15));
        assertThat(s.time()).isEqualTo(at(15));
        assertThat(s.east()).isCloseTo(115, within(1e-9));
        assertThat(s.north()).isCloseTo(-70, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("predictors")
    void growsASymmetricCovarianceAndComposes(Predictor p) {
        GaussianState once = p.predict(prior, at(16));
        GaussianState twice = p.predict(p.predict(prior, at(12.5)), at(16));
        assertThat(once.positionSigmaM()).isGreaterThan(prior.positionSigmaM());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(once.cov(i, j)).isCloseTo(once.cov(j, i), within(1e-9));
                assertThat(twice.cov(i, j)).isCloseTo(once.cov(i, j), within(1e-6));
            }
            assertThat(twice.mean(i)).isCloseTo(once.mean(i), within(1e-9));
        }
    }
}
