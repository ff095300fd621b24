package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BorderScenarioTest {

    @Test
    void theSameSeedGivesTheSameSceneAndAnotherSeedAnother() {
        BorderScenario.Scene a = BorderScenario.standard(100, 5).generate();
        assertThat(BorderScenario.standard(100, 5).generate().plots()).isEqualTo(a.plots());
        assertThat(BorderScenario.standard(100, 5).generate().truth()).isEqualTo(a.truth());
        assertThat(BorderScenario.standard(100, 6).generate().plots()).isNotEqualTo(a.plots());
    }

    @Test
    void keepsAboutTheTargetCountWithBirthsAndDeathsAndClipsSpeeds() {
        BorderScenario sc = BorderScenario.standard(100, 1);
        BorderScenario.Scene s = sc.generate();
        Map<Integer, Integer> perScan = new HashMap<>();
        Set<Integer> targets = new HashSet<>();
        for (BorderScenario.Truth t : s.truth()) {
            perScan.merge(t.scan(), 1, Integer::sum);
            targets.add(t.target());
            double speed = Math.hypot(t.vEast(), t.vNorth());
            assertThat(speed).isBetween(t.kind().minSpeedMps - 1e-9, t.kind().maxSpeedMps + 1e-9);
        }
        assertThat(perScan).hasSize(100);
        assertThat(perScan.get(0)).isEqualTo(100);
        perScan.values().forEach(n -> assertThat(n).isBetween(70, 130));
        // Deaths at 1 % a scan over 99 scans: about 100 births as well.
        assertThat(targets.size()).isBetween(150, 260);
        long walkers = s.truth().stream().filter(t -> t.kind() == BorderScenario.Kind.WALKER).count();
        assertThat((double) walkers / s.truth().size()).isCloseTo(0.5, within(0.15));
    }

    @Test
    void detectsAboutPdOfTheTargetsAndAddsTheClutterAsked() {
        BorderScenario sc = BorderScenario.standard(1000, 2);
        BorderScenario.Scene s = sc.generate();
        long real = s.plots().stream().filter(p -> p.target() >= 0).count();
        long clutter = s.plots().size() - real;
        assertThat((double) real / s.truth().size()).isCloseTo(0.9, within(0.01));
        assertThat(sc.clutterPerScan()).isCloseTo(200, within(1e-6));
        assertThat(clutter / 100.0).isCloseTo(200, within(5.0));
        assertThat(s.plots()).filteredOn(p -> p.target() < 0)
                .allSatisfy(p -> assertThat(Math.max(Math.abs(p.east()), Math.abs(p.north()))).isLessThanOrEqualTo(sc.halfSideM()));
    }

    @Test
    void drawsPoissonCounts() {
        Random rnd = new Random(3);
        double sum = 0;
        double sum2 = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int k = BorderScenario.poisson(75, rnd);
            sum += k;
            sum2 += (double) k * k;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(75, within(0.3));
        assertThat(sum2 / n - mean * mean).isCloseTo(75, within(3.0));
    }
}
