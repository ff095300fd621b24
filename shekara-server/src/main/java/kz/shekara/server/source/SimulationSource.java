package kz.shekara.server.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import kz.shekara.model.TruthState;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the exercise scenario into the pipeline: runs a {@link Simulator} paced against the wall
 * clock and publishes its detections on {@link Topic#OBSERVATIONS}, sensor heartbeats on
 * {@link Topic#HEARTBEATS} (keyed by the sensor's sector) and friendly unit positions on
 * {@link Topic#UNIT_POSITIONS}, keyed by the sector the tracker files the position under
 * ({@link SectorLocator#sectorOf}). Every event carries the theatre's marking flagged exercise. While
 * the event store refuses writes the scenario pauses and then goes on where it stopped ({@link StorePause}).
 * The scenario's units answer the tasks the dispatch desk gives them ({@link Topic#TASKS}, see
 * {@link Simulator#onTask}), so the demo's response loop closes without a human device.
 * The truth of the latest step is kept for tests and scoring. Runs on its own thread; the public
 * methods are thread-safe.
 */
public final class SimulationSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationSource.class);
    private static final Duration WALL_TICK = Duration.ofMillis(100);
    private static final Duration UNPACED_CHUNK = Duration.ofSeconds(1);

    private final SimulationSourceConfig config;
    private final Theatre theatre;
    private final Bus bus;
    private final StorePause store;
    private final Clock clock;
    private ExerciseClock exerciseClock;
    private final SectorLocator sectors;
    private final Map<String, String> sensorSectors = new HashMap<>();
    private final Counter detections;
    private final Counter units;
    private final Counter heartbeats;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final Map<String, TruthState> truth = new TreeMap<>();
    private final java.util.List<java.util.function.Consumer<TruthState>> truthListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private Instant truthTime;
    private volatile Thread thread;
    /** Task steps from the dispatch desk, handed to the scenario's units on its own thread. */
    private final java.util.Queue<kz.shekara.model.Task> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private Bus.Subscription taskSubscription;
    private volatile boolean closed;

    public SimulationSource(SimulationSourceConfig config, Theatre theatre, Bus bus, MeterRegistry registry,
                            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.store = new StorePause("simulation", bus, registry);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sectors = new SectorLocator(theatre);
        theatre.sensors().forEach(s -> sensorSectors.put(s.id(), s.sector() == null ? "" : s.sector()));
        detections = registry.counter("shekara.source.events", "source", "simulation", "topic",
                Topic.OBSERVATIONS.name());
        units = registry.counter("shekara.source.events", "source", "simulation", "topic",
                Topic.UNIT_POSITIONS.name());
        heartbeats = registry.counter("shekara.source.events", "source", "simulation", "topic",
                Topic.HEARTBEATS.name());
    }

    /** Starts the scenario thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Instant start = config.start() != null ? config.start() : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Simulator sim = new Simulator(theatre, config.seed(), start, config.scenario(), config.failures());
        // Pacing begins here, not on the new thread: the scenario start is due at the moment start() is called.
        Pacer pacer = new Pacer(clock, config.speed());
        pacer.begin(sim.start());
        if (exerciseClock != null && pacer.paced()) {
            exerciseClock.begin(sim.start(), pacer.wallStart(), chunk());
        }
        taskSubscription = bus.subscribe(Topic.TASKS, "simulation", tasks::add);
        thread = Thread.ofPlatform().daemon().name("simulation-source").start(() -> run(sim, pacer));
        LOG.info("exercise scenario started: seed {}, start {}, speed {}, {} movers", config.seed(), start,
                config.speed(), sim.moverCount());
    }

    /**
     * Adds a listener that gets every mover's true state, in event time, before the detections of
     * the same instant are published (for measuring what the sensors achieve). Only before {@link #start}.
     */
    public synchronized void onTruth(java.util.function.Consumer<TruthState> listener) {
        if (thread != null) {
            throw new IllegalStateException("truth listeners must be added before start");
        }
        truthListeners.add(listener);
    }

    /**
     * Makes {@code clock} follow this scenario's event time once it starts (only before {@link #start};
     * the clock's speed must be the scenario's).
     */
    public synchronized void follow(ExerciseClock clock) {
        if (thread != null) {
            throw new IllegalStateException("the exercise clock must be set before start");
        }
        if (clock.speed() != config.speed()) {
            throw new IllegalArgumentException("exercise clock speed " + clock.speed() + " is not the scenario's "
                    + config.speed());
        }
        exerciseClock = clock;
    }

    /** Completes when the configured duration has run (or when closed); exceptionally if the scenario fails. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** The truth of every mover at the latest truth step, sorted by target id. */
    public synchronized List<TruthState> latestTruth() {
        return List.copyOf(truth.values());
    }

    public ScenarioConfig scenario() {
        return config.scenario();
    }

    @Override
    public void close() {
        closed = true;
        Bus.Subscription s = taskSubscription;
        if (s != null) {
            s.close();
        }
        SourceThreads.stop(thread);
        completion.complete(null);
    }

    /** The event time the paced scenario advances by per wall tick (at least a millisecond). */
    private Duration chunk() {
        Duration chunk = Duration.ofNanos((long) (WALL_TICK.toNanos() * config.speed())).truncatedTo(ChronoUnit.MILLIS);
        return chunk.isZero() ? Duration.ofMillis(1) : chunk;
    }

    private void run(Simulator sim, Pacer pacer) {
        Instant end = config.duration() == null ? null : sim.start().plus(config.duration());
        Duration chunk = pacer.paced() ? chunk() : UNPACED_CHUNK;
        try {
            publish(sim.advanceTo(sim.start()));
            while (!closed) {
                Instant target = sim.now().plus(chunk);
                if (end != null && target.isAfter(end)) {
                    target = end;
                }
                pacer.awaitDue(target);
                for (kz.shekara.model.Task t; (t = tasks.poll()) != null; ) {
                    sim.onTask(t); // the exercise's units answer their dispatch
                }
                publish(sim.advanceTo(target));
                if (exerciseClock != null) {
                    exerciseClock.published(target);
                }
                if (end != null && !target.isBefore(end)) {
                    completion.complete(null);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("exercise scenario failed", e);
            completion.completeExceptionally(e);
        }
    }

    private void publish(List<SimEvent> events) throws InterruptedException {
        for (SimEvent e : events) {
            if (closed) {
                return;
            }
            switch (e) {
                case SimEvent.Observation o -> {
                    store.publish(Topic.OBSERVATIONS, sectors.sectorOf(o.detection().lat(), o.detection().lon()),
                            o.detection());
                    detections.increment();
                }
                case SimEvent.Heartbeat h -> {
                    String sector = sensorSectors.getOrDefault(h.heartbeat().sensor(), "");
                    store.publish(Topic.HEARTBEATS, sector, h.heartbeat());
                    heartbeats.increment();
                }
                case SimEvent.UnitReport u -> {
                    store.publish(Topic.UNIT_POSITIONS, sectors.sectorOf(u.position().lat(), u.position().lon()),
                            u.position());
                    units.increment();
                }
                case SimEvent.Truth t -> {
                    keepTruth(t.state());
                    truthListeners.forEach(l -> l.accept(t.state()));
                }
            }
        }
    }

    private synchronized void keepTruth(TruthState t) {
        if (!t.time().equals(truthTime)) {
            truth.clear();
            truthTime = t.time();
        }
        truth.put(t.target(), t);
    }
}
