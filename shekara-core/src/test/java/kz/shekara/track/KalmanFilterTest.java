package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The CV Kalman filter against numbers worked by hand. Prior x = (0, 0, 10, 0), P = diag(100, 100,
 * 25, 25), q = 0.5 m²/s³, dt = 2 s. Prediction (Bar-Shalom et al. 2001, eq. 6.2.2-12):
 * P_pos = 100 + 2·2·0 + 4·25 + 0.5·8/3 = 201.3333; P_posvel = 2·25 + 0.5·4/2 = 51; P_vel = 25 + 0.5·2 = 26.
 * Update with z = (26, 3), σ = 10: S = 301.3333 I; K_pos = 201.3333/301.3333, K_vel = 51/301.3333;
 * x = (20 + 6 K_pos, 3 K_pos, 10 + 6 K_vel, 3 K_vel); P_pos⁺ = 100·201.3333/301.3333 = 66.8142;
 * P_posvel⁺ = 51·100/301.3333 = 16.9248; P_vel⁺ = 26 − 51²/301.3333 = 17.3684; d² = 45/301.3333.
 */
class KalmanFilterTest {
    static final double S = 301.0 + 1.0 / 3;
    static final double PPOS = 201.0 + 1.0 / 3;

    final CvKalmanPredictor predictor = new CvKalmanPredictor(0.5);
    final KalmanUpdater updater = new KalmanUpdater();
    final GaussianState prior = GaussianState.diagonal(at(0), 0, 0, 10, 0, 100, 25);

    @Test
    void predictsMeanAndCovarianceAsWorkedByHand() {
        GaussianState p = predictor.predict(prior, at(2));
        assertThat(p.time()).isEqualTo(at(2));
        assertThat(new double[] {p.east(), p.north(), p.vEast(), p.vNorth()}).containsExactly(20, 0, 10, 0);
        assertThat(p.cov(0, 0)).isCloseTo(PPOS, within(1e-9));
        assertThat(p.cov(1, 1)).isCloseTo(PPOS, within(1e-9));
        assertThat(p.cov(0, 2)).isCloseTo(51, within(1e-9));
        assertThat(p.cov(2, 0)).isCloseTo(51, within(1e-9));
        assertThat(p.cov(1, 3)).isCloseTo(51, within(1e-9));
        assertThat(p.cov(2, 2)).isCloseTo(26, within(1e-9));
        assertThat(p.cov(0, 1)).isZero();
        assertThat(p.cov(0, 3)).isZero();
    }

    @Test
    void updatesAsWorkedByHand() {
        GaussianState p = predictor.predict(prior, at(2));
        Plot z = Fixtures.plot(2, 26, 3, 10);
        MeasurementPrediction m = updater.predictMeasurement(p, 10);
        assertThat(m.s00()).isCloseTo(S, within(1e-9));
        double d2 = m.mahalanobis2(26, 3);
        assertThat(d2).isCloseTo(45 / S, within(1e-12));
        GaussianState u = updater.update(new Hypothesis.Associated(p, z, m, d2));
        double kp = PPOS / S;
        double kv = 51 / S;
        assertThat(u.east()).isCloseTo(20 + 6 * kp, within(1e-9));
        assertThat(u.north()).isCloseTo(3 * kp, within(1e-9));
        assertThat(u.vEast()).isCloseTo(10 + 6 * kv, within(1e-9));
        assertThat(u.vNorth()).isCloseTo(3 * kv, within(1e-9));
        assertThat(u.cov(0, 0)).isCloseTo(66.8142, within(1e-4));
        assertThat(u.cov(0, 2)).isCloseTo(16.9248, within(1e-4));
        assertThat(u.cov(2, 2)).isCloseTo(17.3684, within(1e-4));
        assertThat(u.cov(0, 1)).isCloseTo(0, within(1e-12));
    }

    @Test
    void inPlacePathsGiveTheSameNumbersAsTheRecordPaths() {
        GaussianState owned = GaussianState.diagonal(at(0), 5, -3, 2, 7, 80, 16);
        GaussianState viaRecord = predictor.predict(owned, at(1.5));
        predictor.predictInPlace(owned, at(1.5));
        assertThat(owned).isEqualTo(viaRecord);
        Plot z = Fixtures.plot(1.5, 9, 8, 12);
        MeasurementPrediction m = updater.predictMeasurement(owned, 12);
        GaussianState updated = updater.update(new Hypothesis.Associated(viaRecord, z, m, 0));
        updater.updateInPlace(new Hypothesis.Associated(owned, z, m, 0));
        for (int i = 0; i < 4; i++) {
            assertThat(owned.mean(i)).isCloseTo(updated.mean(i), within(1e-9));
            for (int j = 0; j < 4; j++) {
                assertThat(owned.cov(i, j)).isCloseTo(updated.cov(i, j), within(1e-9));
            }
        }
    }

    @Test
    void gateProbabilityGivesTheChiSquareThreshold() {
        // chi-square with 2 dof: P(d² <= g) = 1 − exp(−g/2); 0.99 → 9.2103.
        assertThat(MahalanobisGater.ofProbability(updater, 0.99).threshold()).isCloseTo(9.2103, within(1e-4));
    }
}
