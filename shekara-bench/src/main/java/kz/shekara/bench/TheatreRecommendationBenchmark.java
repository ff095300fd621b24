package kz.shekara.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.TargetMotion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recommendation for one incident over 500 units of every kind on the default theatre
 * ({@link TheatreRecommendationScenario}: about fifty boats at the Bautino station, the Caspian sea
 * graph): the moving targets at sea, which search along the target's path for every boat, from the
 * units' list and from units prepared once, and the alarm on the shore for comparison. Sample time
 * gives the median and p99; on a shared machine {@link RecommendationCpu} times the same calls in
 * CPU time. Target on 2 cores: median ≤ 5 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TheatreRecommendationBenchmark {
    private TheatreRecommendationScenario scenario;
    private PreparedUnits prepared;
    private TargetMotion offshore;
    private TargetMotion seaChase;
    private TargetMotion shore;

    @Setup
    public void setUp() throws Exception {
        scenario = new TheatreRecommendationScenario();
        prepared = scenario.recommender.prepare(scenario.units);
        Map<String, TargetMotion> targets = scenario.targets();
        offshore = targets.get("allKindsOffshore");
        seaChase = targets.get("allKindsSeaChase");
        shore = targets.get("allKindsShore");
    }

    /** A boat heading for the offshore site, which reaches the shore before any boat can catch it. */
    @Benchmark
    public Recommendations offshore() {
        return scenario.recommender.recommend(offshore, scenario.units, TheatreRecommendationScenario.COMMAND);
    }

    @Benchmark
    public Recommendations offshorePreparedUnits() {
        return scenario.recommender.recommend(offshore, prepared, TheatreRecommendationScenario.COMMAND);
    }

    /** A boat leaving the offshore site, which the boats meet at sea. */
    @Benchmark
    public Recommendations seaChasePreparedUnits() {
        return scenario.recommender.recommend(seaChase, prepared, TheatreRecommendationScenario.COMMAND);
    }

    @Benchmark
    public Recommendations shorePreparedUnits() {
        return scenario.recommender.recommend(shore, prepared, TheatreRecommendationScenario.COMMAND);
    }
}
