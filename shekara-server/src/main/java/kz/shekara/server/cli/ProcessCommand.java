package kz.shekara.server.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.incident.AlertDesk;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara process}: runs the tracker, the rules and incident grouping over recorded JSONL
 * files with the same code as the live server, and writes tracks.jsonl, alerts.jsonl and
 * incidents.jsonl (times in seconds since {@code --start}), and recommendations.jsonl (the units ranked
 * for each incident when it opens, see {@link RecommendationWriter}). Detections and unit positions are merged
 * in time order (detections first on equal times). With unit positions, the live server's dispatch desk
 * follows the incidents too ({@link BatchDispatch}); the incident steps it decides go to incidents.jsonl. A bad line is reported and skipped; the rest
 * goes on. The same inputs give the same bytes.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Run tracker, rules and incident grouping over recorded detections (and unit positions).")
public final class ProcessCommand implements Callable<Integer> {
    static final String TRACKS = "tracks.jsonl";
    static final String ALERTS = "alerts.jsonl";
    static final String INCIDENTS = "incidents.jsonl";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TheatreOption theatre;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Detections, JSONL.")
    private Path in;

    @Option(names = "--units", paramLabel = "FILE", description = "Unit positions, JSONL.")
    private Path units;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules file (default: the theatre's rules.yaml, or the built-in defaults).")
    private Path rulesFile;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time of time 0 in the files, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files into.")
    private Path out;

    private long rejected;
    private long tracks;
    private long alerts;
    private RecommendationWriter recommendations;
    private BatchDispatch dispatch;

    @Override
    public Integer call() throws Exception {
        Theatre t = theatre.load();
        RulesSettings settings = rulesFile != null ? RulesConfigLoader.load(rulesFile)
                : RulesConfigLoader.forTheatre(theatre.dir());
        JsonlCodec codec = new JsonlCodec(start, true, t.defaultMarking());
        MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS, t.sectors(),
                new SectorLocator(t));
        AlertDesk desk = new AlertDesk(t, settings.rules(), settings.incidents());
        ResponseModels models = ResponseModels.of(t);
        Files.createDirectories(out);
        try (BufferedReader det = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedReader uni = units == null ? null : Files.newBufferedReader(units, StandardCharsets.UTF_8);
             BufferedWriter tw = Files.newBufferedWriter(out.resolve(TRACKS), StandardCharsets.UTF_8);
             BufferedWriter aw = Files.newBufferedWriter(out.resolve(ALERTS), StandardCharsets.UTF_8);
             BufferedWriter iw = Files.newBufferedWriter(out.resolve(INCIDENTS), StandardCharsets.UTF_8);
             BufferedWriter rw = Files.newBufferedWriter(out.resolve(RecommendationWriter.FILE), StandardCharsets.UTF_8)) {
            recommendations = new RecommendationWriter(t, models, desk::posture, this::seconds, rw);
            Writers w = new Writers(codec, tw, aw, iw);
            dispatch = uni == null ? null : new BatchDispatch(new DispatchDesk(ResponseConfig.defaults(), t, models,
                    new SectorLocator(t)), desk, w::events);
            Reader<DomainEvent> detections = new Reader<>(det, in, codec::decodeSensorReport);
            Reader<UnitPosition> positions = uni == null ? null : new Reader<>(uni, units, codec::decodeUnitPosition);
            while (detections.peek() != null || (positions != null && positions.peek() != null)) {
                DomainEvent d = detections.peek();
                UnitPosition p = positions == null ? null : positions.peek();
                if (d != null && (p == null || !p.time().isBefore(d.time()))) {
                    detections.next();
                    if (d instanceof SensorHeartbeat h) {
                        w.events(desk.onHeartbeat(h));
                        continue;
                    }
                    Detection plot = (Detection) d;
                    for (TrackUpdate u : tracker.accept(plot)) {
                        w.track(u, desk.onTrack(u));
                    }
                    w.events(desk.onDetection(plot));
                } else {
                    positions.next();
                    recommendations.position(p);
                    w.events(desk.onUnit(p));
                    w.dispatch(p);
                }
            }
            for (TrackUpdate u : tracker.flush()) {
                w.track(u, desk.onTrack(u));
            }
            rejected = detections.rejected + (positions == null ? 0 : positions.rejected);
        }
        spec.commandLine().getOut().printf(
                "%d track updates, %d alerts, %d incidents, %d recommendations in %s (%d lines rejected)%n",
                tracks, alerts, desk.incidents().list().size(), recommendations.lines(), out, rejected);
        return 0;
    }

    private interface Decoder<E> {
        E decode(String line) throws DecodeException;
    }

    /** One JSONL input, read one event ahead; bad lines are reported on stderr with their number and skipped. */
    private final class Reader<E> {
        private final BufferedReader reader;
        private final Path file;
        private final Decoder<E> decoder;
        private E next;
        private long line;
        long rejected;

        Reader(BufferedReader reader, Path file, Decoder<E> decoder) throws IOException {
            this.reader = reader;
            this.file = file;
            this.decoder = decoder;
            advance();
        }

        E peek() {
            return next;
        }

        void next() throws IOException {
            advance();
        }

        private void advance() throws IOException {
            next = null;
            String l;
            while ((l = reader.readLine()) != null) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                try {
                    next = decoder.decode(l);
                    return;
                } catch (DecodeException e) {
                    rejected++;
                    spec.commandLine().getErr().println(file + ":" + line + ": " + e.getMessage());
                }
            }
        }
    }

    /** Writes the three output files, times in seconds since the start with millisecond precision. */
    private final class Writers {
        private final JsonlCodec codec;
        private final BufferedWriter tracksOut;
        private final BufferedWriter alertsOut;
        private final BufferedWriter incidentsOut;
        private final OutputLines lines = new OutputLines(start);

        Writers(JsonlCodec codec, BufferedWriter tracksOut, BufferedWriter alertsOut, BufferedWriter incidentsOut) {
            this.codec = codec;
            this.tracksOut = tracksOut;
            this.alertsOut = alertsOut;
            this.incidentsOut = incidentsOut;
        }

        void track(TrackUpdate u, List<DomainEvent> events) throws IOException {
            recommendations.track(u);
            tracksOut.write(codec.encodeTrack(u));
            tracksOut.write('\n');
            tracks++;
            dispatch(u);
            events(events);
        }

        /** Feeds the dispatch desk (when there is one) an input it follows. */
        void dispatch(DomainEvent e) throws IOException {
            if (dispatch != null) {
                dispatch.feed(e);
            }
        }

        void events(List<DomainEvent> events) throws IOException {
            recommendations.events(events);
            for (DomainEvent e : events) {
                if (e instanceof Alert a) {
                    alertsOut.write(lines.alert(a));
                    alertsOut.write('\n');
                    alerts++;
                } else if (e instanceof IncidentEvent i) {
                    incidentsOut.write(lines.incident(i));
                    incidentsOut.write('\n');
                }
            }
            for (DomainEvent e : events) {
                dispatch(e);
            }
        }
    }

    private BigDecimal seconds(Instant t) {
        return new OutputLines(start).seconds(t);
    }
}
