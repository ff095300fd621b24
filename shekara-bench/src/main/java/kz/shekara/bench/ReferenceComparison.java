package kz.shekara.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.TruthState;
import kz.shekara.sim.BorderScenario;
import kz.shekara.track.Plot;
import kz.shekara.track.SectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerParts;
import kz.shekara.track.metric.Score;
import kz.shekara.track.metric.TrackScorer;

/**
 * Shekara's tracker against Stone Soup's GNN tracker on the same border scenes
 * ({@link BorderScenario#standard}: walkers and vehicles, births and deaths, 1 s scans, Pd 0.9,
 * Poisson clutter). Writes each scene under {@code --out}, runs Shekara's sector tracker with the
 * default configuration (and the previous defaults, for comparison), runs
 * {@code shekara-bench/stonesoup/run_gnn.py} on the same detections with the true process noise
 * and 3-point initiation, scores every run with the same {@link TrackScorer} (GOSPA c = 100 m, p = 2,
 * α = 2; OSPA) and prints one table. Run:
 * <pre>
 * java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.ReferenceComparison \
 *     --stonesoup /tmp/stonesoup [--targets 10,100,1000] [--seeds 1] [--python /usr/bin/python3]
 *     [--script shekara-bench/stonesoup/run_gnn.py] [--out /tmp/shekara-reference]
 *     [--variants "confirmHits=3,confirmScans=4;motionModel=cv"] [--clutter-per-km2 C] [--sigma S]
 * </pre>
 * {@code --clutter-per-km2} and {@code --sigma} replace the standard scene's clutter density (0.05 false
 * plots per km² per scan) and plot error (10 m) for denser scenes.
 * Shekara's time is the fastest of three identical runs (the first carries the JIT's warm-up).
 * Without {@code --stonesoup} only Shekara runs; each {@code --variants} entry adds a run of the
 * defaults with those {@link TrackerConfig} components changed. Run times are wall-clock seconds of the tracking
 * loop alone (the Python figure excludes its imports and the scene's reading).
 */
public final class ReferenceComparison {
    private static final TrackScorer SCORER = new TrackScorer(100, 2, 0.5);
    /** The configuration Shekara shipped before the multiple-model filter: one CV model, q = 1, 4 of 5. */
    static final TrackerConfig PREVIOUS = TrackerConfig.SINGLE_MODEL;

    private ReferenceComparison() {
    }

    /** One tracker's result on one scene. */
    record Row(String tracker, int targets, long seed, Score score, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String stonesoup = opt.get("stonesoup");
        Path out = Path.of(opt.getOrDefault("out", "/tmp/shekara-reference"));
        String python = opt.getOrDefault("python", "/usr/bin/python3");
        String script = opt.getOrDefault("script", "shekara-bench/stonesoup/run_gnn.py");
        List<Row> rows = new ArrayList<>();
        for (String seedText : opt.getOrDefault("seeds", "1").split(",")) {
            long seed = Long.parseLong(seedText.trim());
            for (String n : opt.getOrDefault("targets", "10,100,1000").split(",")) {
                int targets = Integer.parseInt(n.trim());
                BorderScenario.Scene scene = scenario(targets, seed, opt).generate();
                Path dir = out.resolve(targets + "-" + seed);
                write(scene, dir);
                List<TruthState> truth = scene.truthStates();
                rows.add(shekara("shekara (default)", TrackerConfig.DEFAULTS, scene, truth, seed));
                rows.add(shekara("shekara (previous defaults)", PREVIOUS, scene, truth, seed));
                for (String variant : opt.getOrDefault("variants", "").split(";")) {
                    if (!variant.isBlank()) {
                        rows.add(shekara("shekara " + variant, override(TrackerConfig.DEFAULTS, variant), scene, truth,
                                seed));
                    }
                }
                if (stonesoup != null) {
                    rows.add(stoneSoup(python, script, stonesoup, scene, dir, truth, seed));
                }
                System.err.println("done " + targets + " targets, seed " + seed);
            }
        }
        System.out.print(table(rows));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }

    /** The standard scene of {@code targets}, with the clutter density and plot error of the options if given. */
    static BorderScenario scenario(int targets, long seed, Map<String, String> opt) {
        BorderScenario s = BorderScenario.standard(targets, seed);
        double side = 2 * s.halfSideM() / 1000;
        double clutter = opt.containsKey("clutter-per-km2")
                ? Double.parseDouble(opt.get("clutter-per-km2")) * side * side : s.clutterPerScan();
        double sigma = opt.containsKey("sigma") ? Double.parseDouble(opt.get("sigma")) : s.sigmaM();
        return new BorderScenario(s.targets(), s.scans(), s.walkerFraction(), s.halfSideM(), sigma, s.pd(), clutter,
                s.meanLifeS(), seed);
    }

    /**
     * The configuration with some components replaced, given as {@code name=value,name=value} (record
     * component names of {@link TrackerConfig}; durations in seconds).
     */
    static TrackerConfig override(TrackerConfig base, String changes) throws ReflectiveOperationException {
        RecordComponent[] comps = TrackerConfig.class.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = comps[i].getAccessor().invoke(base);
            types[i] = comps[i].getType();
        }
        for (String change : changes.split(",")) {
            String[] kv = change.split("=", 2);
            int i = 0;
            while (i < comps.length && !comps[i].getName().equals(kv[0].trim())) {
                i++;
            }
            if (i == comps.length) {
                throw new IllegalArgumentException("no tracker config key " + kv[0]);
            }
            String v = kv[1].trim();
            values[i] = types[i] == double.class ? (Object) Double.parseDouble(v)
                    : types[i] == int.class ? (Object) Integer.parseInt(v)
                    : types[i] == Duration.class ? (Object) Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000))
                    : v;
        }
        return TrackerConfig.class.getDeclaredConstructor(types).newInstance(values);
    }

    /** The scene as CSV: detections (scan, east, north) for the reference tracker, and the truth. */
    static void write(BorderScenario.Scene scene, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("detections.csv")))) {
            w.println("scan,east,north");
            for (BorderScenario.Plot p : scene.plots()) {
                w.println(p.scan() + "," + p.east() + "," + p.north());
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("truth.csv")))) {
            w.println("scan,target,kind,east,north,ve,vn");
            for (BorderScenario.Truth t : scene.truth()) {
                w.println(t.scan() + "," + t.target() + "," + t.kind() + "," + t.east() + "," + t.north() + ","
                        + t.vEast() + "," + t.vNorth());
            }
        }
    }

    /** Shekara's sector tracker on the scene, one scan a second, reporting its confirmed tracks after each. */
    static Row shekara(String name, TrackerConfig config, BorderScenario.Scene scene, List<TruthState> truth,
                       long seed) {
        List<Detection> detections = scene.detections();
        List<TrackUpdate> reports = null;
        double seconds = Double.POSITIVE_INFINITY;
        // Three runs (the same output each time): the fastest, so that the figure is not the JIT's warm-up.
        for (int run = 0; run < 3; run++) {
            SectorTracker tracker = new SectorTracker("S1",
                    new LocalFrame(BorderScenario.ORIGIN[0], BorderScenario.ORIGIN[1]), TrackerParts.from(config));
            reports = new ArrayList<>();
            long t0 = System.nanoTime();
            int at = 0;
            for (int k = 0; k < scene.scenario().scans(); k++) {
                Instant time = scene.time(k);
                List<Plot> plots = new ArrayList<>();
                while (at < detections.size() && detections.get(at).time().equals(time)) {
                    plots.add(tracker.plot(detections.get(at++)));
                }
                tracker.step(time, BorderScenario.SENSOR, plots);
                reports.addAll(tracker.confirmedTracks());
            }
            seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
        }
        return new Row(name, scene.scenario().targets(), seed, SCORER.score(truth, reports), seconds);
    }

    /** Stone Soup's GNN tracker on the same detections, through the script, scored the same way. */
    static Row stoneSoup(String python, String script, String checkout, BorderScenario.Scene scene, Path dir,
                         List<TruthState> truth, long seed) throws IOException, InterruptedException {
        double q = 0;
        for (BorderScenario.Kind k : BorderScenario.Kind.values()) {
            q = Math.max(q, k.accelerationPsd);
        }
        List<String> cmd = List.of(python, script, checkout, dir.toString(), "--q", Double.toString(q), "--sigma",
                Double.toString(scene.scenario().sigmaM()), "--min-points", "3");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double seconds = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("seconds ")) {
                    seconds = Double.parseDouble(line.substring(8).trim());
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Stone Soup run failed: " + String.join(" ", cmd));
        }
        LocalFrame frame = new LocalFrame(BorderScenario.ORIGIN[0], BorderScenario.ORIGIN[1]);
        Marking marking = Marking.of(Classification.RESTRICTED, "border-guard", List.of()).asExercise();
        List<TrackUpdate> reports = new ArrayList<>();
        double[] ll = new double[2];
        List<String> lines = Files.readAllLines(dir.resolve("stonesoup_tracks.csv"));
        TreeSet<String> none = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            frame.toLatLon(Double.parseDouble(f[2]), Double.parseDouble(f[3]), ll);
            reports.add(new TrackUpdate(scene.time(Integer.parseInt(f[0])), "ss-" + f[1], "S1", ll[0], ll[1],
                    Double.parseDouble(f[5]), Double.parseDouble(f[4]), 0, 0, 0, TrackStatus.CONFIRMED,
                    TargetClass.UNKNOWN, none, marking));
        }
        return new Row("stone soup GNN (true q, 3-point)", scene.scenario().targets(), seed,
                SCORER.score(truth, reports), seconds);
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "| %-32s | %7s | %4s | %9s | %8s | %8s | %7s | %10s | %11s | %9s |%n",
                "tracker", "targets", "seed", "GOSPA m", "OSPA m", "missed", "false", "ids/target",
                "false tracks", "run s"));
        b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            Score s = r.score();
            b.append(String.format(Locale.ROOT,
                    "| %-32s | %7d | %4d | %9.2f | %8.2f | %8.3f | %7.3f | %10.3f | %11d | %9.2f |%n", r.tracker(),
                    r.targets(), r.seed(), s.meanGospa(), s.meanOspa(), s.meanMissed(), s.meanFalse(),
                    s.fragmentation(), s.falseTracks(), r.seconds()));
        }
        return b.toString();
    }
}
