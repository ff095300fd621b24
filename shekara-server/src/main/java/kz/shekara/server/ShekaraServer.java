package kz.shekara.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HttpConfig;
import java.util.List;
import kz.shekara.response.ResponseModels;
import kz.shekara.incident.DetectionProbability;
import kz.shekara.server.api.AlertsApi;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.api.PlanApi;
import kz.shekara.server.adapter.cot.TaskCot;
import kz.shekara.server.api.ResponseApi;
import kz.shekara.server.response.ResponseConfig;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.api.SectorsApi;
import kz.shekara.server.alertdesk.PostureView;
import kz.shekara.server.alertdesk.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.alertdesk.DeskView;
import kz.shekara.server.store.Checkpointer;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.track.TrackerView;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.RetentionTask;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.UnitStateView;
import kz.shekara.server.store.ResponseTimesView;
import kz.shekara.server.api.ResponseStatsApi;
import kz.shekara.server.view.Viewer;
import kz.shekara.server.track.TrackerService;
import kz.shekara.track.TrackerConfig;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.source.ExerciseClock;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import kz.shekara.server.source.SimulationSource;
import kz.shekara.server.source.SimulationSourceConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.LiveStateConfig;
import kz.shekara.sim.SensorFailure;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one running Shekara — bus, live picture, TAK/CoT server, web map and API,
 * and the feeds (built-in scenario or a JSONL replay) — wired from a validated {@link ShekaraConfig}.
 * Components start in dependency order and close in reverse. Thread-safe to close once.
 */
public final class ShekaraServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShekaraServer.class);
    /** How many of the latest logged events rebuild the live picture at start. */
    private static final long RESTORE_TAIL_EVENTS = 200_000;
    /** How much recent event time of logged inputs the rules re-run at start. */
    private static final java.time.Duration RULES_WARM_UP = java.time.Duration.ofMinutes(15);
    /** How often the tracker and desk views catch up with the log in the background (and snapshot when due). */
    private static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(1);
    /** Sampling step (s) and horizon (s) of what-if intercepts along a target's predicted path. */
    private static final double PLAN_STEP_S = 30;
    private static final double PLAN_HORIZON_S = 4 * 3600;
    /** How long after a scan period detections may still arrive before its Pd opportunity is counted. */
    private static final java.time.Duration PD_LATENESS = java.time.Duration.ofSeconds(30);

    /** The ports bound; {@code udp} is -1 when UDP input is off. */
    public record Ports(int http, int cot, int udp) {
    }

    private final ClosingStack started = new ClosingStack(LOG);
    private final Theatre theatre;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private LoggedBus bus;
    private Ports ports;
    private SimulationSource simulation;
    private volatile DetectionProbability detectionProbability;
    private JsonlReplaySource replay;

    private ShekaraServer(Theatre theatre) {
        this.theatre = theatre;
    }

    /**
     * Starts everything the config asks for; with a non-null {@code replayConfig} the recorded file
     * is fed instead of (or besides) the scenario. On failure what was started is closed again.
     */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, ReplayConfig replayConfig)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(theatre, "theatre");
        Objects.requireNonNull(clock, "clock");
        ShekaraServer s = new ShekaraServer(theatre);
        try {
            // A sped-up exercise runs the whole server on the exercise's time, so operator commands are
            // stamped in the same time as the events they answer; sources pace against the wall clock.
            ExerciseClock exercise = config.simulation().enabled() && config.simulation().speed() != 1
                    && Double.isFinite(config.simulation().speed())
                    ? new ExerciseClock(clock, config.simulation().speed()) : null;
            s.startComponents(config, exercise != null ? exercise : clock, clock, exercise, replayConfig);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startComponents(ShekaraConfig config, Clock clock, Clock wall, ExerciseClock exercise,
                                 ReplayConfig replayConfig) throws IOException {
        SectorLocator sectors = new SectorLocator(theatre);

        // Nothing is published onward before it is in the log; views come back from the log at start.
        StoreConfig storeConfig = StoreConfig.defaults();
        EventLog log = EventLogs.open(config.db(), config.dataDir(), storeConfig);
        started.push(log::close);
        UnitStateView unitStates = new UnitStateView();
        PostureView postures = new PostureView();
        // Response times are a view of the log: rebuilt at start, fed in log order.
        ResponseTimesView responseTimes = new ResponseTimesView(theatre);
        bus = new LoggedBus(new InMemoryBus(), log, storeConfig, meters, List.of(unitStates, postures, responseTimes));
        // The tracker and the alert desk come back as a clean replay of the log makes them (see README, Restart).
        TrackerView trackerView = new TrackerView(TrackerConfig.DEFAULTS, theatre);
        DeskView deskView = new DeskView();
        // The responder's tasks, control and inputs come back from the log too (see README, Dispatch).
        kz.shekara.server.response.TaskView taskView = new kz.shekara.server.response.TaskView();
        long restored = bus.start(List.of(trackerView, deskView, taskView));
        started.push(bus);
        RetentionTask retention = new RetentionTask(log, storeConfig.retention(), clock, meters);
        retention.start();
        started.push(retention);

        TrackerService tracker = new TrackerService(TrackerConfig.DEFAULTS, bus, theatre, meters);
        tracker.restore(trackerView.state());
        RulesService rules = new RulesService(RulesConfigLoader.forTheatre(config.theatre()), bus, theatre, meters,
                clock);
        deskView.events().forEach(rules::replay);
        rules.restorePostures(postures.latest().values());
        Checkpointer checkpointer = new Checkpointer(log, List.of(trackerView, deskView, taskView),
                storeConfig.snapshotEvery() == 0 ? Long.MAX_VALUE : storeConfig.snapshotEvery(), CHECKPOINT_INTERVAL, meters);
        checkpointer.start(restored);
        started.push(checkpointer);

        LiveState live = new LiveState(bus, LiveStateConfig.defaults());
        restorePicture(live, rules, log, unitStates, restored);
        live.start();
        started.push(live);
        tracker.start();
        started.push(tracker);
        rules.start();
        started.push(rules);

        CotServerConfig cotConfig = CotServerConfig.of(config.cot());
        CotServer cot = new CotServer(cotConfig, bus, theatre.defaultMarking(), meters, clock,
                ll -> sectors.sectorOf(ll[0], ll[1]));
        // Alerts reach each TAK device in its crew's language (the theatre unit whose id is the device uid), else English.
        java.util.Map<String, String> crewLanguages = new java.util.HashMap<>();
        theatre.units().stream().filter(u -> u.language() != null).forEach(u -> crewLanguages.put(u.id(), u.language()));
        cot.alertLanguages(crewLanguages::get, "en");
        int cotPort = cot.start();
        started.push(cot);

        ApiServer api = new ApiServer(new HttpConfig(config.http().bind(), config.http().port()), theatre, live, bus,
                meters, clock).storeHealth(bus::health);
        api.addRoutes(new AlertsApi(rules, meters, () -> detectionProbability)::register);
        api.addRoutes(new SectorsApi(theatre, rules::postures, postures)::register);
        ResponseModels response = ResponseModels.of(theatre);
        api.addRoutes(new PlanApi(response.planner(PLAN_STEP_S), response.area().orElse(null), PLAN_HORIZON_S,
                meters)::register);
        api.addRoutes(new ResponseStatsApi(responseTimes::records,
                ctx -> Viewer.home(theatre.defaultMarking().originator()), meters)::register);
        // After-action review: the picture at a time and incident exports, read from the log.
        api.addRoutes(new kz.shekara.server.api.ReviewApi(new kz.shekara.server.review.LogPictures(log), theatre)::register);
        // Live response: rankings per open incident, dispatch, tasks to the units' TAK devices.
        ResponseConfig responseConfig = ResponseConfig.defaults();
        ResponseService responder = new ResponseService(responseConfig, bus, rules, theatre, response, sectors, clock);
        kz.shekara.server.response.TaskView.State tasksBack = taskView.state();
        responder.restore(tasksBack);
        responder.start();
        started.push(responder);
        cot.restoreTasks(tasksBack.tasks(), tasksBack.orders());
        cot.deliverTasks(new TaskCot(responseConfig.centreUid(), responseConfig.centreCallsign()));
        api.addRoutes(new ResponseApi(responder, theatre, meters)::register);
        int httpPort = api.start();
        started.push(api);
        ports = new Ports(httpPort, cotPort, cot.udpPort());

        if (config.simulation().enabled()) {
            simulation = new SimulationSource(
                    SimulationSourceConfig.demo(config.simulation().seed(), config.simulation().speed())
                            .withFailures(SensorFailure.demo(theatre).stream().toList()),
                    theatre, bus, meters, wall);
            if (exercise != null) {
                simulation.follow(exercise);
            }
            // With truth at hand, measure each sensor's probability of detection as the scenario runs.
            DetectionProbability pd = new DetectionProbability(theatre.sensors(), PD_LATENESS);
            simulation.onTruth(pd::truth);
            started.push(bus.subscribe(Topic.OBSERVATIONS, "detection-probability", pd::detection));
            detectionProbability = pd;
            simulation.start();
            started.push(simulation);
        }
        if (replayConfig != null) {
            replay = new JsonlReplaySource(replayConfig, theatre, bus, meters, wall);
            replay.start();
            started.push(replay);
        }
        LOG.info("theatre '{}': {} sectors, {} zones, {} sensors, {} units", theatre.name(), theatre.sectors().size(),
                theatre.zones().size(), theatre.sensors().size(), theatre.units().size());
    }

    /**
     * Gives the live picture back after a restart: every unit's last position (kept whole by the
     * unit-state view) and the most recent stretch of the log, which the picture's own event-time
     * windows then trim. The rules re-run the inputs of that stretch's last {@link #RULES_WARM_UP}
     * (their dwell timers and active alert keys; what they raise is already in the log).
     */
    private static void restorePicture(LiveState live, RulesService rules, EventLog log, UnitStateView units,
                                       long lastSeq) {
        units.units().values().forEach(live::accept);
        List<DomainEvent> inputs = new ArrayList<>();
        try (var tail = log.readAfter(Math.max(0, lastSeq - RESTORE_TAIL_EVENTS))) {
            tail.forEach(e -> {
                live.accept(e.event());
                if (e.seq() <= lastSeq && !DeskView.isDeskOutput(e.event())) {
                    inputs.add(e.event());
                }
            });
        }
        Instant latest = inputs.stream().map(DomainEvent::time).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        inputs.stream().filter(e -> !e.time().isBefore(latest.minus(RULES_WARM_UP))).forEach(rules::replay);
        if (lastSeq > 0) {
            LOG.info("restored the picture from the event log up to seq {}", lastSeq);
        }
    }

    public Ports ports() {
        return ports;
    }

    public Theatre theatre() {
        return theatre;
    }

    public LoggedBus bus() {
        return bus;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The JSONL replay being fed, or null when none. */
    public JsonlReplaySource replay() {
        return replay;
    }

    @Override
    public synchronized void close() {
        started.closeAll();
    }
}
