package kz.shekara.bench.theatre;

import java.util.concurrent.TimeUnit;
import kz.shekara.server.theatre.TheatreException;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Time to load and check the default theatre from the jar, and to index its sectors. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TheatreLoadBenchmark {

    @Benchmark
    public Theatre loadDefaultTheatre() throws TheatreException {
        return TheatreLoader.loadDefault();
    }

    @Benchmark
    public SectorLocator loadAndIndexSectors() throws TheatreException {
        return new SectorLocator(TheatreLoader.loadDefault(), 50_000);
    }
}
