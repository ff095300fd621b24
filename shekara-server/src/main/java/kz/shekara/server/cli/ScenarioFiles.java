package kz.shekara.server.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;

/**
 * Writes a scenario's output as the JSONL files of docs/formats.md: {@code detections.jsonl} (with the
 * sensors' heartbeat lines among the detections), {@code truth.jsonl} and {@code units.jsonl} in a folder, times in seconds since the scenario start,
 * each file in time order, lines ending in "\n". The simulator is run a minute at a time so that
 * memory stays flat however long the scenario. Not thread-safe.
 */
final class ScenarioFiles {
    static final String DETECTIONS = "detections.jsonl";
    static final String TRUTH = "truth.jsonl";
    static final String UNITS = "units.jsonl";

    private static final Duration CHUNK = Duration.ofMinutes(1);

    /** How many events of each kind were written; detections and heartbeats share {@link #DETECTIONS}. */
    record Counts(long detections, long heartbeats, long truth, long units) {
    }

    private ScenarioFiles() {
    }

    static Counts write(Simulator sim, Duration duration, Path dir, Marking marking) throws IOException {
        Files.createDirectories(dir);
        JsonlCodec codec = new JsonlCodec(sim.start(), true, marking);
        Instant end = sim.start().plus(duration);
        long d = 0;
        long h = 0;
        long t = 0;
        long u = 0;
        try (BufferedWriter det = writer(dir.resolve(DETECTIONS));
             BufferedWriter truth = writer(dir.resolve(TRUTH));
             BufferedWriter units = writer(dir.resolve(UNITS))) {
            Instant at = sim.start();
            while (true) {
                for (SimEvent e : sim.advanceTo(at)) {
                    switch (e) {
                        case SimEvent.Observation o -> {
                            line(det, codec.encodeDetection(o.detection()));
                            d++;
                        }
                        case SimEvent.Heartbeat b -> {
                            line(det, codec.encodeHeartbeat(b.heartbeat()));
                            h++;
                        }
                        case SimEvent.Truth s -> {
                            line(truth, codec.encodeTruth(s.state()));
                            t++;
                        }
                        case SimEvent.UnitReport r -> {
                            line(units, codec.encodeUnitPosition(r.position()));
                            u++;
                        }
                    }
                }
                if (!at.isBefore(end)) {
                    break;
                }
                at = at.plus(CHUNK).isAfter(end) ? end : at.plus(CHUNK);
            }
        }
        return new Counts(d, h, t, u);
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static void line(BufferedWriter w, String s) throws IOException {
        w.write(s);
        w.write('\n');
    }
}
