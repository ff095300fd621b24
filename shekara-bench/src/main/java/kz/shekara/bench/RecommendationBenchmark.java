package kz.shekara.bench;

import java.util.concurrent.TimeUnit;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendations;
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
 * Recommendation for one incident over 500 units with ground routing ({@link RecommendationScenario}:
 * a generated road network of about 4,900 nodes, a stationary sensor alarm, a walker and a vehicle
 * coming over the border), from the units' list and, for the vehicle, from units prepared once as
 * the live service ranks many incidents. Sample time gives the median and p99; on a shared machine
 * {@link RecommendationCpu} times the same calls in CPU time. Target on 2 cores: median ≤ 5 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecommendationBenchmark {
    private RecommendationScenario scenario;
    private PreparedUnits prepared;

    @Setup
    public void setUp() {
        scenario = new RecommendationScenario();
        prepared = scenario.recommender.prepare(scenario.units);
    }

    @Benchmark
    public Recommendations stationaryAlarm() {
        return scenario.recommender.recommend(scenario.alarm, scenario.units, "south");
    }

    @Benchmark
    public Recommendations walkerCrossing() {
        return scenario.recommender.recommend(scenario.walker, scenario.units, "south");
    }

    @Benchmark
    public Recommendations vehicleCrossing() {
        return scenario.recommender.recommend(scenario.vehicle, scenario.units, "south");
    }

    /** The live service's case: units prepared once for every incident ranked at one instant. */
    @Benchmark
    public Recommendations vehicleCrossingPreparedUnits() {
        return scenario.recommender.recommend(scenario.vehicle, prepared, "south");
    }
}
