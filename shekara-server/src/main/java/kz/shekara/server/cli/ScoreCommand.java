package kz.shekara.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.TruthState;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.track.metric.Score;
import kz.shekara.track.metric.TrackScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara score}: tracker output against ground truth — GOSPA (c, p = 2, α = 2) and OSPA per
 * truth time and averaged, missed and false per scan, fragmentation (track ids per target) and false
 * tracks. Both files in the JSONL formats of docs/formats.md; a bad line stops with its number and reason.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score tracks against truth: GOSPA, OSPA, fragmentation, false tracks.")
public final class ScoreCommand implements Callable<Integer> {
    private static final Marking NONE = Marking.of(Classification.UNCLASSIFIED, "score", List.of());

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Truth states, JSONL.")
    private Path truth;

    @Option(names = "--tracks", required = true, paramLabel = "FILE", description = "Tracks, JSONL.")
    private Path tracks;

    @Option(names = "--cutoff", defaultValue = "100", description = "GOSPA/OSPA cut-off c in metres (default: ${DEFAULT-VALUE}).")
    private double cutoff;

    @Option(names = "--max-age", defaultValue = "5", description = "Oldest track frame, in seconds, that still counts at a truth time (default: ${DEFAULT-VALUE}).")
    private double maxAge;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time that numeric times count from (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Override
    public Integer call() throws Exception {
        if (!(cutoff > 0) || !(maxAge >= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cutoff must be > 0 and --max-age >= 0");
        }
        JsonlCodec codec = new JsonlCodec(start, true, NONE);
        List<TruthState> t = new ArrayList<>();
        List<TrackUpdate> k = new ArrayList<>();
        try {
            read(truth, line -> t.add(codec.decodeTruth(line)));
            read(tracks, line -> {
                TrackUpdate u = codec.decodeTrack(line);
                if (u.status() != kz.shekara.model.TrackStatus.DELETED) {
                    k.add(u); // a track's end (from a live log) is no estimate to score
                }
            });
        } catch (BadLine e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        Score s = new TrackScorer(cutoff, 2, maxAge).score(t, k);
        spec.commandLine().getOut().print(s.report(cutoff));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private interface LineSink {
        void accept(String line) throws DecodeException;
    }

    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    private static void read(Path file, LineSink sink) throws IOException, BadLine {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(line);
                } catch (DecodeException e) {
                    throw new BadLine(file + ":" + n + ": " + e.reason() + ": " + e.getMessage());
                }
            }
        }
    }
}
