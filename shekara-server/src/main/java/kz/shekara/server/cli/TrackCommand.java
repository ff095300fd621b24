package kz.shekara.server.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
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
 * gives the same bytes. Reading, tracking and writing run on their own threads ({@link TrackPipeline}).
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = "Track a JSONL detections file; write confirmed tracks per scan time as JSONL.")
public final class TrackCommand implements Callable<Integer> {
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
        Utf8Lines r = new Utf8Lines(Files.newInputStream(in));
        OutputStream w;
        try {
            w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        } catch (IOException e) {
            r.close();
            throw e;
        }
        TrackPipeline.Outcome o = new TrackPipeline(in, reader,
                seconds -> new JsonlCodec(start, seconds, t.defaultMarking()), skipBad, err).run(r, tracker, w);
        if (o.exit() != 0) {
            return o.exit();
        }
        err.printf("tracked %d lines (%d bad, %d late beyond the %s window): %d track reports of %d tracks in %s%n",
                o.lines(), o.bad(), tracker.lateDetections(), cfg.reorderWindow(), o.written(), o.tracks(), out);
        return 0;
    }
}
