package kz.shekara.bench.theatre;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.theatre.TheatreException;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one sector lookup in the default theatre: points inside a land sector, points in the
 * theatre window (mostly outside all sectors, with the 50 km nearest-sector fallback), one point at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SectorLocatorBenchmark {
    private static final int N = 4096;
    private SectorLocator locator;
    private final double[] insideLat = new double[N];
    private final double[] insideLon = new double[N];
    private final double[] anyLat = new double[N];
    private final double[] anyLon = new double[N];
    private int i;

    @Setup
    public void setUp() throws TheatreException {
        Theatre theatre = TheatreLoader.loadDefault();
        locator = new SectorLocator(theatre, 50_000);
        SplittableRandom random = new SplittableRandom(42);
        int filled = 0;
        while (filled < N) {
            double lat = 40.5 + 3.5 * random.nextDouble();
            double lon = 65.5 + 10.5 * random.nextDouble();
            if (locator.containing(lat, lon).isPresent()) {
                insideLat[filled] = lat;
                insideLon[filled] = lon;
                filled++;
            }
        }
        for (int k = 0; k < N; k++) {
            anyLat[k] = 40.5 + 3.5 * random.nextDouble();
            anyLon[k] = 65.5 + 10.5 * random.nextDouble();
        }
    }

    @Benchmark
    public Optional<Sector> pointInsideASector() {
        int k = i++ & (N - 1);
        return locator.locate(insideLat[k], insideLon[k]);
    }

    @Benchmark
    public Optional<Sector> pointAnywhereInTheWindow() {
        int k = i++ & (N - 1);
        return locator.locate(anyLat[k], anyLon[k]);
    }
}
