package kz.shekara.track.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GOSPA (c, p = 2, α = 2) and OSPA on sets worked by hand. */
class GospaTest {
    @Test
    void isZeroForEqualSetsAndForTwoEmptySets() {
        double[][] x = {{0, 0}, {100, 0}};
        assertThat(Gospa.evaluate(x, x, 50, 2).gospa()).isZero();
        assertThat(Gospa.evaluate(new double[0][], new double[0][], 50, 2).gospa()).isZero();
        assertThat(Gospa.evaluate(new double[0][], new double[0][], 50, 2).ospa()).isZero();
    }

    @Test
    void chargesLocalisationMissesAndFalseTracksAsWorkedByHand() {
        // Truth at (0,0), (100,0), (500,500); estimates at (3,4) [5 m off], (100,30) [30 m off], (900,0) [false].
        // c = 50, p = 2: GOSPA² = 5² + 30² + 50²/2 · (1 missed + 1 false) = 25 + 900 + 2500 = 3425.
        // OSPA: n = 3, k = 2: ((25 + 900 + 2500·1) / 3)^(1/2) = (3425/3)^(1/2).
        double[][] truth = {{0, 0}, {100, 0}, {500, 500}};
        double[][] est = {{900, 0}, {3, 4}, {100, 30}};
        Gospa.Result r = Gospa.evaluate(truth, est, 50, 2);
        assertThat(r.gospa()).isCloseTo(Math.sqrt(3425), within(1e-9));
        assertThat(r.ospa()).isCloseTo(Math.sqrt(3425.0 / 3), within(1e-9));
        assertThat(r.missed()).isEqualTo(1);
        assertThat(r.falseCount()).isEqualTo(1);
        assertThat(r.pairs()).containsExactly(1, 2, -1);
    }

    @Test
    void prefersTheGloballyBestPairing() {
        // Greedy would pair truth 0 with the estimate at 10 m and leave truth 1 unmatched.
        double[][] truth = {{0, 0}, {25, 0}};
        double[][] est = {{10, 0}, {-15, 0}};
        Gospa.Result r = Gospa.evaluate(truth, est, 20, 2);
        assertThat(r.pairs()).containsExactly(1, 0);
        assertThat(r.gospa()).isCloseTo(Math.sqrt(15 * 15 + 15 * 15), within(1e-9));
    }

    @Test
    void ospaOfOneEmptySetIsTheCutoff() {
        assertThat(Gospa.evaluate(new double[][] {{0, 0}}, new double[0][], 80, 2).ospa()).isCloseTo(80, within(1e-12));
        assertThat(Gospa.evaluate(new double[][] {{0, 0}}, new double[0][], 80, 2).gospa())
                .isCloseTo(Math.sqrt(80 * 80 / 2.0), within(1e-12));
    }

    @Test
    void agreesWithStoneSoupsGospaAndOspaMetrics() {
        // Values from Stone Soup's GOSPAMetric.compute_gospa_metric and OSPAMetric.compute_OSPA_distance
        // (c = 100, p = 2, alpha = 2, Euclidean) on the same points: distance 141.24446891825534,
        // localisation 4950 (squared), missed 5000 and false 10000 (c^p/2 each); OSPA 64.48514040717701.
        double[][] truth = {{0, 0}, {50, 0}, {300, 300}, {1000, -200}, {1030, -180}};
        double[][] est = {{10, 5}, {45, -30}, {290, 360}, {1020, -190}, {-400, 0}, {1500, 1500}};
        Gospa.Result r = Gospa.evaluate(truth, est, 100, 2);
        assertThat(r.gospa()).isCloseTo(141.24446891825534, within(1e-9));
        assertThat(r.localisation() * r.localisation()).isCloseTo(4950, within(1e-9));
        assertThat(r.missed()).isEqualTo(1);
        assertThat(r.falseCount()).isEqualTo(2);
        assertThat(r.ospa()).isCloseTo(64.48514040717701, within(1e-9));
    }
}
