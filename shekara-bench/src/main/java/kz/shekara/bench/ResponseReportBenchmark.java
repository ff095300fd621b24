package kz.shekara.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseStatistics;
import kz.shekara.incident.ResponseTimes;
import kz.shekara.model.Alert;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.report.ReportPage;
import kz.shekara.server.report.ReportText;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the weekly response review over a week of 1,000 incidents on the default theatre (each:
 * a track update, its alert, opening, dispatch, on scene, resolution — 6,000 events): folding the
 * events into response records, the statistics per sector and unit kind, and rendering the HTML page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ResponseReportBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private Theatre theatre;
    private List<DomainEvent> events;
    private List<ResponseRecord> records;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        theatre = TheatreLoader.loadDefault();
        events = week(theatre, 1_000, new Random(7));
        records = fold();
    }

    static List<DomainEvent> week(Theatre theatre, int n, Random random) {
        IncidentBook book = new IncidentBook(new IncidentConfig(0, Duration.ZERO));
        List<DomainEvent> out = new ArrayList<>();
        List<Sector> sectors = theatre.sectors();
        List<Unit> units = theatre.units();
        for (int i = 0; i < n; i++) {
            Sector s = sectors.get(random.nextInt(sectors.size()));
            Instant t = T0.plusSeconds(i * 600L);
            double lat = s.originLat() + random.nextGaussian() * 0.05;
            double lon = s.originLon() + random.nextGaussian() * 0.05;
            String track = "T-" + i;
            out.add(new TrackUpdate(t, track, s.id(), lat, lon, 0, 1, 100, 0, 100, TrackStatus.CONFIRMED,
                    TargetClass.values()[0], new TreeSet<>(List.of("radar")), theatre.defaultMarking()));
            Alert a = new Alert(t.plusSeconds(30 + random.nextInt(60)), "AL-" + i, RuleKind.BORDER_CROSSING,
                    Severity.HIGH, s.id(), null, track, null, null, lat, lon, new TreeSet<>(List.of("radar")),
                    "crossing", theatre.defaultMarking());
            out.add(a);
            List<IncidentEvent> opened = book.onAlert(a);
            out.addAll(opened);
            String id = opened.get(0).incident();
            Instant d = a.time().plusSeconds(30 + random.nextInt(300));
            out.add(book.change(id, IncidentStatus.ASSIGNED, units.get(random.nextInt(units.size())).id(), "op", "",
                    null, d));
            Instant on = d.plusSeconds(300 + random.nextInt(3000));
            out.add(book.change(id, IncidentStatus.ON_SCENE, null, "unit", "", null, on));
            out.add(book.change(id, IncidentStatus.RESOLVED, null, "op", "", Disposition.CONFIRMED,
                    on.plusSeconds(600)));
        }
        return out;
    }

    @Benchmark
    public List<ResponseRecord> fold() {
        ResponseTimes times = new ResponseTimes(theatre, Duration.ofHours(6));
        events.forEach(times::apply);
        return times.records();
    }

    @Benchmark
    public ResponseStatistics statistics() {
        return ResponseStatistics.of(records, null, null);
    }

    @Benchmark
    public String page() {
        return ReportPage.render(theatre, records, T0, T0.plus(Duration.ofDays(7)), ReportText.EN);
    }
}
