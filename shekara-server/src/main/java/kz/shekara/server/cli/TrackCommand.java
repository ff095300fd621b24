package kz.shekara.server.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara track}: the live tracker's code run over a detections file. Reads docs/formats.md
 * detections (time in seconds since {@code --start}, or ISO-8601), tracks them in the theatre's
 * sectors and writes, for every scan time, each confirmed track in the tracks format of docs/formats.md (times
 * as the input gives them: seconds since {@code --start} or ISO-8601). A bad line stops the run with
 * its line number and reason unless {@code --skip-bad}, which reports and skips it. The same input
 * gives the same bytes.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = "Track a JSONL detections file; write confirmed tracks per scan time as JSONL.")
public final class TrackCommand implements Callable<Integer> {
    private static final java.util.regex.Pattern ISO_TIME = java.util.regex.Pattern.compile("\"time\"\\s*:\\s*\"");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TheatreOption theatre;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Detections, JSONL.")
    private Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Tracks to write, JSONL.")
    private Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Server configuration (see shekara.example.yaml): its tracker section (gateProbability, "
                    + "confirmHits, confirmScans, accelerationPsd, maxMissedScans, maxCoast, ...) is used; keys "
                    + "left out keep their defaults.")
    private Path config;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time that numeric times count from (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--skip-bad", description = "Report bad lines and go on instead of stopping.")
    private boolean skipBad;

    @Override
    public Integer call() throws Exception {
        TrackerConfig cfg = config == null ? TrackerConfig.DEFAULTS : ConfigLoader.loadTracker(config);
        Theatre t = theatre.load();
        MultiSectorTracker tracker = new MultiSectorTracker(cfg, t.sectors(), new SectorLocator(t));
        PrintWriter err = spec.commandLine().getErr();
        JsonlCodec reader = new JsonlCodec(start, true, t.defaultMarking());
        long lines = 0;
        long bad = 0;
        long written = 0;
        Set<String> ids = new HashSet<>();
        JsonlCodec writer = null;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                Detection d;
                try {
                    if (!(reader.decodeSensorReport(line) instanceof Detection det)) {
                        continue; // a sensor's heartbeat: nothing to track
                    }
                    d = det;
                } catch (DecodeException e) {
                    bad++;
                    err.printf("%s:%d: %s: %s%n", in, lines, e.reason(), e.getMessage());
                    if (!skipBad) {
                        err.println("shekara: stopped at the first bad line (use --skip-bad to skip bad lines)");
                        return 1;
                    }
                    continue;
                }
                if (writer == null) {
                    writer = new JsonlCodec(start, !ISO_TIME.matcher(line).find(),
                            t.defaultMarking());
                }
                written += write(tracker.accept(d), writer, w, ids);
            }
            if (writer != null) {
                written += write(tracker.flush(), writer, w, ids);
            }
        }
        err.printf("tracked %d lines (%d bad, %d late beyond the %s window): %d track reports of %d tracks in %s%n",
                lines, bad, tracker.lateDetections(), cfg.reorderWindow(), written, ids.size(), out);
        return 0;
    }

    private static long write(List<TrackUpdate> updates, JsonlCodec codec, BufferedWriter w, Set<String> ids)
            throws IOException {
        for (TrackUpdate u : updates) {
            w.write(codec.encodeTrack(u));
            w.write('\n');
            ids.add(u.track());
        }
        return updates.size();
    }
}
