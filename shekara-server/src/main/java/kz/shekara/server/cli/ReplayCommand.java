package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara replay --in detections.jsonl}: starts the server (web map, CoT) and feeds a recorded
 * JSONL file through the same pipeline as live data, as fast as it is taken unless {@code --speed}
 * paces it; the server stays up after the file ends so the picture can be looked at.
 * {@code shekara replay --from T1 --to T2 [--db URL | --data-dir DIR]} instead plays a stored period of
 * the event log into a separate replay session of the web map ({@link LogReplayRun}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Feed a recorded detections JSONL file (and optionally unit positions) through the pipeline and serve the web map,",
                "or (--from/--to) replay a stored period of the event log into a separate, read-only web map session."})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Mixin
    TheatreOption theatre;

    @Option(names = "--in", paramLabel = "FILE", description = "Detections JSONL (docs/formats.md).")
    Path in;

    @Option(names = "--units", paramLabel = "FILE", description = "Unit positions JSONL to replay alongside.")
    Path units;

    @Option(names = "--speed", paramLabel = "X",
            description = {"Event-time seconds per wall second; default with --in: as fast as the pipeline takes it,",
                    "with --from/--to: 1 (0 = as fast as possible)."})
    Double speed;

    @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Start of the stored period to replay from the event log (ISO-8601).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "End (exclusive) of the stored period to replay from the event log (ISO-8601).")
    Instant to;

    @Option(names = "--fast", description = "With --from/--to: replay as fast as possible (same as --speed 0).")
    boolean fast;

    @Option(names = "--paused", description = "With --from/--to: open the session paused at the period's start.")
    boolean paused;

    @Option(names = "--epoch", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Instant that numeric times count from (default: the simulator's scenario start).")
    Instant epoch;

    @Option(names = "--exit-when-done", description = "Stop the server once the file has been fed.")
    boolean exitWhenDone;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (from != null || to != null) {
            if (in != null || units != null || epoch != null) {
                throw new ParameterException(spec.commandLine(), "--from/--to replays the event log: give no --in, --units or --epoch");
            }
            if (from == null || to == null) {
                throw new ParameterException(spec.commandLine(), "replaying the event log needs both --from and --to");
            }
            double pace = fast ? 0 : speed == null ? 1 : speed;
            return new LogReplayRun(server, theatre, spec).run(from, to, pace, paused, exitWhenDone);
        }
        if (in == null) {
            throw new ParameterException(spec.commandLine(), "give --in FILE (a recording) or --from and --to (a period of the event log)");
        }
        if (!Files.isReadable(in)) {
            throw new ParameterException(spec.commandLine(), "cannot read --in " + in);
        }
        ReplayConfig rc = ReplayConfig.of(in);
        if (units != null) {
            rc = rc.withUnits(units);
        }
        if (speed != null) {
            rc = rc.withSpeed(speed);
        }
        if (epoch != null) {
            rc = rc.withEpoch(epoch);
        }
        ShekaraConfig cfg = server.applyTo(ShekaraConfig.defaults().withBind("127.0.0.1").withTheatre(theatre.dir()));
        ShekaraServer s = ServerRun.start(cfg, theatre.load(), rc, spec.commandLine().getOut());
        PrintWriter out = spec.commandLine().getOut();
        var done = s.replay().completion().whenComplete((summary, failure) -> {
            if (failure != null) {
                out.println("shekara: replay failed: " + failure.getMessage());
            } else {
                out.printf("shekara: replayed %d detections, %d heartbeats, %d unit positions, %d lines rejected%n",
                        summary.detections(), summary.heartbeats(), summary.units(), summary.rejected());
                s.replay().rejections().stream().limit(20).forEach(r ->
                        out.printf("  %s:%d: %s: %s%n", r.file(), r.line(), r.reason(), r.message()));
            }
            out.flush();
        });
        if (exitWhenDone) {
            JsonlReplaySource.Summary summary = done.get();
            s.bus().drain();
            s.close();
            return summary.rejected() == 0 ? 0 : 1;
        }
        return ServerRun.runUntilStopped(s);
    }
}
