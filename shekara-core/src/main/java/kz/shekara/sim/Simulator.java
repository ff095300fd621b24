package kz.shekara.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.TruthState;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The exercise scenario generator: movers (walkers, vehicles, boats) crossing or walking along the
 * border, approaching protected sites or loitering; the theatre's sensors seeing them with noise,
 * missed detections and clutter, and sending a heartbeat for each scan that had nothing to report
 * (until a scheduled {@link SensorFailure} silences one for good); friendly patrols driving along the border and aircraft and boats
 * idling at their bases, each answering the tasks it is given ({@link #onTask}). Runs in event time: {@link #advanceTo} returns the events up to a time, in
 * time order, ties broken by truth first, then sensors in theatre order, then units in theatre order.
 * Everything it makes carries the theatre's default marking flagged as exercise.
 *
 * <p>Deterministic: the same theatre, seed, start and config give the same events, whatever the
 * sequence of {@code advanceTo} calls. Every movement is a function of time, so a sensor sees each
 * mover exactly where it is at its own scan time. All event times are whole milliseconds.
 * Not thread-safe; cost per call is linear in movers × scans.
 */
public final class Simulator {
    /** The start of a scenario when none is given: a fixed instant, so that files and tests repeat. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final int RANK_TRUTH = 0;
    private static final int RANK_SENSOR = 1;
    private static final int RANK_UNITS = 2;

    private record Task(long atMs, int rank, int index) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = Long.compare(atMs, o.atMs);
            c = c != 0 ? c : Integer.compare(rank, o.rank);
            return c != 0 ? c : Integer.compare(index, o.index);
        }
    }

    private final Instant start;
    private final ScenarioConfig config;
    private final Marking marking;
    private final ScenarioPlanner planner;
    private final List<ScenarioPlanner.Slot> slots;
    private final List<Mover> movers = new ArrayList<>();
    private final List<SensorModel> sensors = new ArrayList<>();
    private final List<PatrolModel> patrols = new ArrayList<>();
    private final ExerciseResponse response;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Map<String, Long> failAtMs = new HashMap<>();
    private long doneMs = -1;

    /** A scenario in which every sensor keeps working. */
    public Simulator(Theatre theatre, long seed, Instant start, ScenarioConfig config) {
        this(theatre, seed, start, config, List.of());
    }

    /**
     * A scenario in which the given sensors fail (fall silent) at their times.
     *
     * @throws IllegalArgumentException when a failure names a sensor the theatre does not have
     */
    public Simulator(Theatre theatre, long seed, Instant start, ScenarioConfig config, List<SensorFailure> failures) {
        Objects.requireNonNull(theatre, "theatre");
        this.start = Objects.requireNonNull(start, "start");
        this.config = Objects.requireNonNull(config, "config");
        this.marking = theatre.defaultMarking().asExercise();
        SplittableRandom root = new SplittableRandom(seed);
        TheatreGeometry geo = new TheatreGeometry(theatre);
        planner = new ScenarioPlanner(geo, root.split());
        slots = planner.slots(config);
        for (ScenarioPlanner.Slot slot : slots) {
            movers.add(planner.plan(slot, 0, true));
        }
        queue.add(new Task(0, RANK_TRUTH, 0));
        for (Sensor s : theatre.sensors()) {
            SensorModel model = new SensorModel(s, root.split(), marking);
            sensors.add(model);
            queue.add(new Task(model.phaseMs(), RANK_SENSOR, sensors.size() - 1));
        }
        for (SensorFailure f : failures) {
            if (theatre.sensors().stream().noneMatch(s -> s.id().equals(f.sensor()))) {
                throw new IllegalArgumentException("sensor failure: the theatre has no sensor " + f.sensor());
            }
            failAtMs.merge(f.sensor(), f.after().toMillis(), Math::min);
        }
        SplittableRandom unitRng = root.split();
        for (Unit u : theatre.units()) {
            Base base = theatre.base(u.base()).orElse(null);
            if (base != null) {
                patrols.add(new PatrolModel(u, base, geo.landBorders(), unitRng, marking));
            }
        }
        if (!patrols.isEmpty()) {
            queue.add(new Task(0, RANK_UNITS, 0));
        }
        response = new ExerciseResponse(theatre, patrols);
    }

    /**
     * A step of a task given to one of the exercise's units (from the dispatch desk): the unit
     * answers it from the step's time on ({@link ExerciseResponse}: stops patrolling, launches after
     * its readiness, travels to the point, on scene, back to patrol when the task ends). Steps of
     * other units are ignored. The same steps at the same times give the same reports.
     */
    public void onTask(kz.shekara.model.Task t) {
        double tSec = Math.max(0, Duration.between(start, t.time()).toMillis() / 1000.0);
        response.onTask(t, tSec);
    }

    public Instant start() {
        return start;
    }

    public ScenarioConfig config() {
        return config;
    }

    /** Number of movers present at any time (each one that arrives is replaced by a new one). */
    public int moverCount() {
        return movers.size();
    }

    /**
     * Runs the scenario up to and including {@code t} and returns the events since the previous
     * call, ordered by time. A time before the last one asked for returns nothing.
     */
    public List<SimEvent> advanceTo(Instant t) {
        long limitMs = Math.floorDiv(Duration.between(start, t).toNanos(), 1_000_000L);
        List<SimEvent> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().atMs() <= limitMs) {
            Task task = queue.poll();
            run(task, out);
        }
        doneMs = Math.max(doneMs, limitMs);
        return out;
    }

    /** The time up to which events have been returned. */
    public Instant now() {
        return doneMs < 0 ? start : start.plusMillis(doneMs);
    }

    private void run(Task task, List<SimEvent> out) {
        double tSec = task.atMs() / 1000.0;
        Instant time = start.plusMillis(task.atMs());
        switch (task.rank()) {
            case RANK_TRUTH -> {
                truth(tSec, time, out);
                queue.add(new Task(task.atMs() + config.step().toMillis(), RANK_TRUTH, 0));
            }
            case RANK_SENSOR -> {
                SensorModel s = sensors.get(task.index());
                Long failsAt = failAtMs.get(s.sensor().id());
                if (failsAt != null && task.atMs() >= failsAt) {
                    return; // failed: no more scans, no heartbeats
                }
                List<Detection> plots = s.scan(tSec, time, movers);
                for (Detection d : plots) {
                    out.add(new SimEvent.Observation(d));
                }
                if (plots.isEmpty()) {
                    out.add(new SimEvent.Heartbeat(new SensorHeartbeat(time, s.sensor().id(), marking)));
                }
                queue.add(new Task(task.atMs() + s.periodMs(), RANK_SENSOR, task.index()));
            }
            default -> {
                for (PatrolModel p : patrols) {
                    out.add(new SimEvent.UnitReport(response.report(p, tSec, time)));
                }
                queue.add(new Task(task.atMs() + config.unitReportInterval().toMillis(), RANK_UNITS, 0));
            }
        }
    }

    private void truth(double tSec, Instant time, List<SimEvent> out) {
        double[] tmp = new double[2];
        double[] ll = new double[2];
        double[] v = new double[2];
        for (int i = 0; i < movers.size(); i++) {
            Mover m = movers.get(i);
            if (m.endSec() <= tSec) {
                m = planner.plan(slots.get(i), tSec, false);
                movers.set(i, m);
            }
            m.positionAt(tSec, tmp, ll);
            m.velocityAt(tSec, v);
            out.add(new SimEvent.Truth(new TruthState(time, m.id(), ll[0], ll[1], v[0], v[1])));
        }
    }

    /** Movers present now, for tests in this package. */
    List<Mover> movers() {
        return List.copyOf(movers);
    }
}
