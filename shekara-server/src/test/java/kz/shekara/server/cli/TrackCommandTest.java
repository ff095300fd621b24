package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** simulate → track → score through the real command line, files and default theatre. */
class TrackCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        return run(ShekaraCommand.commandLine(), args);
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static double figure(String report, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+)").matcher(report);
        assertThat(m.find()).as("'%s' in %s", label, report).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void simulatedScenarioIsTrackedWithoutFragmentsOrFalseTracksAndTheSameBytesTwice() throws Exception {
        Path sim = tmp.resolve("sim");
        assertThat(run("simulate", "--seed", "1", "--duration", "5m", "--out", sim.toString()).exit()).isZero();
        Path tracks = tmp.resolve("tracks.jsonl");
        Run track = run("track", "--in", sim.resolve("detections.jsonl").toString(), "--out", tracks.toString());
        assertThat(track.exit()).as(track.err()).isZero();
        assertThat(track.err()).contains("0 bad", "0 late");
        Path again = tmp.resolve("again.jsonl");
        run("track", "--in", sim.resolve("detections.jsonl").toString(), "--out", again.toString());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(tracks));
        // The defaults: one-plot tentative tracks end at their first miss (singlePlotMisses 1), which changed
        // the output on purpose (docs/tracker.md: lower GOSPA, fewer false tracks on the reference scenes).
        assertThat(sha256(tracks)).isEqualTo("ac7161136ef76dfe566c736b9c908885fe174b47f9fc28020d6e66c866a2211b");
        // With singlePlotMisses 0 the defaults write the very bytes they wrote before that key and before the
        // whole-process speed work (SHA-256 of the output of commit 1c2043c on the same simulation).
        Path m4of5 = tmp.resolve("four-of-five.yaml");
        Files.writeString(m4of5, "tracker:\n  singlePlotMisses: 0\n");
        Path m4of5Out = tmp.resolve("four-of-five.jsonl");
        assertThat(run("track", "--in", sim.resolve("detections.jsonl").toString(), "--out", m4of5Out.toString(),
                "--config", m4of5.toString()).exit()).isZero();
        assertThat(sha256(m4of5Out)).isEqualTo("1ff188fd991188d3c7c0d71d5d3488390db5b3cf442e91d7f048322ccb2dae39");

        // The previous single-model configuration writes the very bytes it wrote before the multiple-model
        // filter (SHA-256 of the output of commit 78d01ba on the same simulation).
        Path single = tmp.resolve("single.yaml");
        Files.writeString(single, "tracker:\n  motionModel: cv\n  maxMissedScans: 5\n  twoPointDensityPerKm2: 0\n  minCoast: PT0S\n"
                + "  singlePlotMisses: 0\n");
        Path singleOut = tmp.resolve("single.jsonl");
        assertThat(run("track", "--in", sim.resolve("detections.jsonl").toString(), "--out", singleOut.toString(),
                "--config", single.toString()).exit()).isZero();
        assertThat(sha256(singleOut)).isEqualTo("a15fde337e3f3e35e8059d7c5a8876a20a0bf1f0121d631af33e95725fb69fad");

        Run score = run("score", "--truth", sim.resolve("truth.jsonl").toString(), "--tracks", tracks.toString());
        assertThat(score.exit()).as(score.err()).isZero();
        assertThat(figure(score.out(), "fragmentation")).isLessThanOrEqualTo(1.1);
        assertThat(figure(score.out(), "false tracks")).isLessThanOrEqualTo(1);
        // Every mover that sensors actually saw (ten or more plots within 200 m) must be tracked.
        assertThat((int) figure(score.out(), "(tracked")).isGreaterThanOrEqualTo(detectedTargets(sim));
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    /** Targets with at least ten detections within 200 m of their true position in the same second. */
    static int detectedTargets(Path sim) throws Exception {
        Pattern time = Pattern.compile("\"time\":([0-9.]+)");
        Pattern lat = Pattern.compile("\"lat\":([-0-9.]+)");
        Pattern lon = Pattern.compile("\"lon\":([-0-9.]+)");
        Pattern target = Pattern.compile("\"target\":\"([^\"]+)\"");
        Map<Long, List<double[]>> dets = new HashMap<>();
        for (String l : Files.readAllLines(sim.resolve("detections.jsonl"))) {
            if (l.contains("\"heartbeat\":true")) {
                continue; // a sensor's sign of life, no position
            }
            dets.computeIfAbsent(Math.round(num(time, l)), k -> new ArrayList<>()).add(new double[] {num(lat, l), num(lon, l)});
        }
        Map<String, Integer> near = new HashMap<>();
        for (String l : Files.readAllLines(sim.resolve("truth.jsonl"))) {
            Matcher m = target.matcher(l);
            m.find();
            double la = num(lat, l);
            double lo = num(lon, l);
            for (double[] d : dets.getOrDefault(Math.round(num(time, l)), List.of())) {
                double dy = (d[0] - la) * 111_000;
                double dx = (d[1] - lo) * 111_000 * Math.cos(Math.toRadians(la));
                if (dx * dx + dy * dy < 200 * 200) {
                    near.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        Set<String> seen = new HashSet<>();
        near.forEach((k, v) -> {
            if (v >= 10) {
                seen.add(k);
            }
        });
        assertThat(seen).isNotEmpty();
        return seen.size();
    }

    private static double num(Pattern p, String line) {
        Matcher m = p.matcher(line);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void stopsAtABadLineWithItsNumberAndReasonUnlessToldToSkip() throws Exception {
        Path in = tmp.resolve("bad.jsonl");
        Files.writeString(in, """
                {"time": 0, "sensor": "radar-7", "lat": 41.52, "lon": 69.01, "sigma_m": 25.0}
                {"time": 1, "sensor": "radar-7", "lat": 141.52, "lon": 69.01, "sigma_m": 25.0}
                not json
                {"time": "2026-01-01T00:00:02Z", "sensor": "radar-7", "lat": 41.52, "lon": 69.01, "sigma_m": 25.0}
                """);
        Path out = tmp.resolve("out.jsonl");
        Run stop = run("track", "--in", in.toString(), "--out", out.toString());
        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.err()).contains("bad.jsonl:2: lat-out-of-range").contains("--skip-bad");
        Run skip = run("track", "--in", in.toString(), "--out", out.toString(), "--skip-bad");
        assertThat(skip.exit()).isZero();
        assertThat(skip.err()).contains(":2: lat-out-of-range", ":3: malformed-json", "4 lines (2 bad");
    }

    @Test
    void aBadLineDeepInAFileStopsTheRunWithWhatWasTrackedBeforeItWritten() throws Exception {
        Path sim = tmp.resolve("sim");
        assertThat(run("simulate", "--seed", "2", "--duration", "5m", "--out", sim.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(sim.resolve("detections.jsonl"));
        assertThat(lines).hasSizeGreaterThan(6_000);
        List<String> withBad = new ArrayList<>(lines);
        withBad.add(4_999, "{\"time\": \"not a time\", \"sensor\": \"radar-7\", \"lat\": 41.5, \"lon\": 69, \"sigma_m\": 25}");
        Path bad = tmp.resolve("bad.jsonl");
        Files.write(bad, withBad);
        Path before = tmp.resolve("before.jsonl");
        Files.write(before, lines.subList(0, 4_999));

        Path stopped = tmp.resolve("stopped.jsonl");
        Run stop = run("track", "--in", bad.toString(), "--out", stopped.toString());
        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.err()).contains("bad.jsonl:5000: bad-time").doesNotContain("tracked");
        Path upTo = tmp.resolve("up-to.jsonl");
        assertThat(run("track", "--in", before.toString(), "--out", upTo.toString()).exit()).isZero();
        // The tracks of the lines before the bad one, less those only the end of the file would flush.
        String written = Files.readString(stopped);
        assertThat(written).isNotEmpty();
        assertThat(Files.readString(upTo)).startsWith(written);

        Path skipped = tmp.resolve("skipped.jsonl");
        Run skip = run("track", "--in", bad.toString(), "--out", skipped.toString(), "--skip-bad");
        assertThat(skip.err()).contains(":5000: bad-time", "tracked " + withBad.size() + " lines (1 bad");
        Path clean = tmp.resolve("clean.jsonl");
        assertThat(run("track", "--in", sim.resolve("detections.jsonl").toString(), "--out", clean.toString()).exit())
                .isZero();
        assertThat(Files.readAllBytes(skipped)).isEqualTo(Files.readAllBytes(clean));
    }

    @Test
    void readsTheTrackerSectionOfTheServerConfigAndRejectsUnknownKeysAndBadValues() throws Exception {
        Path in = tmp.resolve("one.jsonl");
        Files.writeString(in, "{\"time\": 0, \"sensor\": \"r\", \"lat\": 41.5, \"lon\": 69.0, \"sigma_m\": 25}\n"
                + "{\"time\": 1, \"sensor\": \"r\", \"lat\": 41.5, \"lon\": 69.0, \"sigma_m\": 25}\n");
        Path out = tmp.resolve("out.jsonl");
        Path oneHit = tmp.resolve("one-hit.yaml");
        Files.writeString(oneHit, "tracker:\n  confirmHits: 1\n  confirmScans: 1\n  maxCoast: PT10S\n");
        assertThat(run("track", "--in", in.toString(), "--out", out.toString(), "--config", oneHit.toString()).exit())
                .isZero();
        assertThat(Files.readAllLines(out)).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"track\":"));
        // The defaults confirm on the second plot (two-point initiation), the previous M-of-N not at all.
        assertThat(run("track", "--in", in.toString(), "--out", out.toString()).exit()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(1).allSatisfy(l -> assertThat(l).contains("\"time\":1,"));
        Path single = tmp.resolve("single.yaml");
        Files.writeString(single, "tracker:\n  motionModel: cv\n  maxMissedScans: 5\n  twoPointDensityPerKm2: 0\n  minCoast: PT0S\n"
                + "  singlePlotMisses: 0\n");
        assertThat(run("track", "--in", in.toString(), "--out", out.toString(), "--config", single.toString()).exit())
                .isZero();
        assertThat(Files.readAllLines(out)).isEmpty();

        Path typo = tmp.resolve("typo.yaml");
        Files.writeString(typo, "tracker:\n  confirmHitz: 1\n");
        Run bad = run("track", "--in", in.toString(), "--out", out.toString(), "--config", typo.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown key 'tracker.confirmHitz'");
        Path wrong = tmp.resolve("wrong.yaml");
        Files.writeString(wrong, "tracker:\n  confirmHits: 9\n  confirmScans: 3\n");
        Run invalid = run("track", "--in", in.toString(), "--out", out.toString(), "--config", wrong.toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("confirmHits <= confirmScans");
    }
}
