package kz.shekara.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the marking filter on the live feed's path: one track update checked against every
 * reader ({@code readers}, 1,000 by default: live-feed sessions of five agencies with their
 * clearances, redactions and a release book of 10,000 releases), as {@code LiveFeed} and the partner
 * stream do for each event. The score is per event for all readers; divide by {@code readers} for
 * the cost per event per reader. Events cycle through 1,024 generated markings (a quarter of them
 * exercise data, a real deployment) and tracks of which one in ten is released to some agency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MarkingFilterBenchmark {
    private static final List<String> AGENCIES = List.of("kz-bs", "kz-mod", "kz-customs", "kz-mes", "uz-bs");

    @Param({"1000"})
    public int readers;

    private Viewer[] viewers;
    private TrackUpdate[] events;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(13);
        ReleaseBook book = new ReleaseBook();
        Marking record = Marking.of(Classification.UNCLASSIFIED, "kz-bs", List.of());
        for (int i = 0; i < 10_000; i++) {
            book.accept(new Release(Instant.EPOCH, Release.Kind.TRACK, "T-" + (i * 10), AGENCIES.get(1 + i % 4), "bench",
                    "", record));
        }
        viewers = new Viewer[readers];
        for (int i = 0; i < readers; i++) {
            String agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
            Classification clearance = Classification.values()[random.nextInt(4)];
            Set<Redaction> redact = agency.equals("uz-bs") ? Set.of(Redaction.SENSOR, Redaction.UNIT) : Set.of();
            viewers[i] = new Viewer(agency, "operator", clearance, redact, Viewer.Releases.NONE, true)
                    .sharing(book, false, "kz-bs");
        }
        events = new TrackUpdate[1024];
        for (int i = 0; i < events.length; i++) {
            TreeSet<String> rel = new TreeSet<>();
            AGENCIES.stream().filter(a -> random.nextInt(3) == 0).forEach(rel::add);
            Marking m = Marking.of(Classification.values()[random.nextInt(4)], AGENCIES.get(random.nextInt(2)), rel);
            events[i] = new TrackUpdate(Instant.EPOCH.plusSeconds(i), "T-" + random.nextInt(100_000), "s", 41, 69, 1, 1,
                    100, 0, 100, TrackStatus.CONFIRMED, TargetClass.UNKNOWN, new TreeSet<>(),
                    random.nextInt(4) == 0 ? m.asExercise() : m, List.of());
        }
    }

    /** One event against every reader; returns how many may see it. */
    @Benchmark
    public int filterOneEventForAllReaders() {
        TrackUpdate e = events[next++ & (events.length - 1)];
        int seen = 0;
        for (Viewer v : viewers) {
            if (v.maySee(e)) {
                seen++;
            }
        }
        return seen;
    }
}
