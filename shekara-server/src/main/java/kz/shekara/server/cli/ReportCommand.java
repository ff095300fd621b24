package kz.shekara.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseTimes;
import kz.shekara.server.report.ReportPage;
import kz.shekara.server.report.ReportText;
import kz.shekara.model.Release;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.alertdesk.ResponseTimesView;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Theatre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara report}: reads the event log (the server's SQLite file under {@code --data-dir},
 * or {@code --db}) and writes one self-contained HTML page on the response to the incidents whose
 * alert is in [--from, --to): response time by sector and unit kind, incidents over time, a map,
 * and a table (each incident with its opening alert in the page's language), written for one agency
 * (the home agency, or {@code --agency}): only the incidents it may see. The log is read from a day before the period (a track's first sighting) to a day
 * after it (dispatch and arrival of late incidents). The same log gives the same bytes.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML response-time report for a period from the event log.")
public final class ReportCommand implements Callable<Integer> {
    /** How far around the period the log is read: tracks seen before it, steps taken after it. */
    static final Duration MARGIN = Duration.ofDays(1);

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TheatreOption theatre;

    @Option(names = "--from", required = true, converter = InstantConverter.class, paramLabel = "INSTANT",
            description = "Start of the period (ISO-8601, inclusive).")
    private Instant from;

    @Option(names = "--to", required = true, converter = InstantConverter.class, paramLabel = "INSTANT",
            description = "End of the period (ISO-8601, exclusive).")
    private Instant to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    private Path out;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Where the server's event log lives (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Event log database: jdbc:postgresql://... or jdbc:sqlite:FILE (default: SQLite under --data-dir).")
    private String db;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "LANG",
            description = "Language of the page: kk, ru or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Option(names = "--agency", paramLabel = "AGENCY",
            description = "Write the page for this agency: only the incidents it may see (default: the home agency).")
    private String agency;

    @Override
    public Integer call() throws Exception {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        ReportText text = ReportText.of(lang);
        if ((db == null || db.isBlank()) && !Files.isRegularFile(dataDir.resolve(EventLogs.DEFAULT_FILE))) {
            throw new IllegalArgumentException("no event log at " + dataDir.resolve(EventLogs.DEFAULT_FILE)
                    + " (give --data-dir or --db)");
        }
        Theatre t = theatre.load();
        ResponseTimes times = new ResponseTimes(t, ResponseTimesView.TRACK_MEMORY);
        OpeningAlerts openings = new OpeningAlerts();
        ReleaseBook releases = new ReleaseBook();
        try (EventLog log = EventLogs.open(db, dataDir, StoreConfig.defaults());
             Stream<StoredEvent> events = log.readTimeRange(from.minus(MARGIN), to.plus(MARGIN))) {
            events.forEach(e -> {
                times.apply(e.event());
                openings.add(e.event());
                releases.accept(e.event());
            });
        }
        // The page is always written for one agency, the home agency unless --agency names another: a
        // foreign originator's incident not released to the reader stays out, as on every other exit
        // (and, as for a real deployment, exercise data never goes into another agency's page).
        String home = t.defaultMarking().originator();
        Viewer reader = Viewer.of(t, agency == null ? home : agency, "analyst").sharing(releases, false, home);
        List<ResponseRecord> records = times.records().stream().filter(r -> reader.maySee(r.marking(),
                new Release.Subject(Release.Kind.INCIDENT, r.incident()))).toList();
        String page = ReportPage.render(t, records, from, to, text, openings.byIncident());
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
        long n = records.stream().filter(r -> !r.alerted().isBefore(from) && r.alerted().isBefore(to)).count();
        spec.commandLine().getOut().printf("%d incidents from %s to %s written to %s%n", n, from, to, out);
        return 0;
    }
}
