package kz.shekara.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.shekara.incident.DetectionProbability;
import kz.shekara.model.DomainEvent;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.adapter.cot.TaskCot;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.alertdesk.DeskView;
import kz.shekara.server.alertdesk.PostureView;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.api.AlertsApi;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.api.PlanApi;
import kz.shekara.server.api.ControlApi;
import kz.shekara.server.api.ResponseApi;
import kz.shekara.server.api.ResponseStatsApi;
import kz.shekara.server.api.ReviewApi;
import kz.shekara.server.api.SectorsApi;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.response.TaskView;
import kz.shekara.server.review.LogPictures;
import kz.shekara.server.source.ExerciseClock;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import kz.shekara.server.source.SimulationSource;
import kz.shekara.server.source.SimulationSourceConfig;
import kz.shekara.server.store.Checkpointer;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.alertdesk.ResponseTimesView;
import kz.shekara.server.store.RetentionTask;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.response.UnitStateView;
import kz.shekara.server.track.TrackerService;
import kz.shekara.server.track.TrackerView;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.ReleaseBook;
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

    /** The ports bound; {@code cot}, {@code udp} and {@code tls} are -1 when that input is off. */
    public record Ports(int http, int cot, int udp, int tls) {
    }

    /** What came back from the log at start; {@code tasksAtStart} is the task view's state at {@code seq}. */
    private record Restored(EventLog log, UnitStateView unitStates, PostureView postures,
                            ResponseTimesView responseTimes, TrackerView tracker, DeskView desk, TaskView tasks,
                            TaskView.State tasksAtStart, long seq) {
    }

    private final ClosingStack started = new ClosingStack(LOG);
    private final Theatre theatre;
    private final ShekaraConfig config;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Bus delivery;
    private LoggedBus bus;
    private Ports ports;
    private LiveState live;
    private RulesService rules;
    private ResponseService responder;
    private SimulationSource simulation;
    private volatile DetectionProbability detectionProbability;
    private JsonlReplaySource replay;
    private ServerAccess access;
    private ApiServer api;
    private final ReleaseBook releases = new ReleaseBook();

    private ShekaraServer(ShekaraConfig config, Theatre theatre) {
        this.config = config;
        this.theatre = theatre;
    }

    /**
     * Starts everything the config asks for; with a non-null {@code replayConfig} the recorded file
     * is fed instead of (or besides) the scenario. On failure what was started is closed again.
     */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, ReplayConfig replayConfig)
            throws IOException {
        return start(config, theatre, clock, replayConfig, new InMemoryBus());
    }

    /** As above, with events delivered over {@code delivery} (e.g. Kafka, see {@link KafkaNode}), closed with the server. */
    static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, ReplayConfig replayConfig, Bus delivery)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(theatre, "theatre");
        Objects.requireNonNull(clock, "clock");
        ShekaraServer s = new ShekaraServer(config, theatre);
        s.delivery = delivery;
        try {
            // A sped-up exercise runs the whole server on the exercise's time, so operator commands are
            // stamped in the same time as the events they answer; sources pace against the wall clock.
            ExerciseClock exercise = config.simulation().enabled() && config.simulation().speed() != 1
                    && Double.isFinite(config.simulation().speed())
                    ? new ExerciseClock(clock, config.simulation().speed()) : null;
            s.startComponents(exercise != null ? exercise : clock, clock, exercise, replayConfig);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startComponents(Clock clock, Clock wall, ExerciseClock exercise, ReplayConfig replayConfig)
            throws IOException {
        SectorLocator sectors = new SectorLocator(theatre);
        Restored restored = openLog(clock);
        startEngines(restored, clock);
        access = ServerAccess.open(config, wall, meters);
        started.push(access);
        CotServer cot = startCot(sectors, clock, wall);
        api = new ApiServer(new HttpConfig(config.http().bind(), config.http().port(),
                config.http().maxBodyBytes()), theatre, live, bus,
                meters, clock).storeHealth(bus::health)
                // The built-in scenario makes an exercise deployment; otherwise exercise data stays home.
                .sharing(releases, config.simulation().enabled());
        // The audit trail and the accounts sit beside the event log, in the same database.
        api.audit(access.audit()).access(access.access());
        ResponseModels models = ResponseModels.of(theatre);
        addViewRoutes(api, restored, models);
        responder = startResponder(restored, models, sectors, cot, clock);
        api.addRoutes(new ResponseApi(responder, theatre, api::viewer)::register);
        api.addRoutes(new ControlApi(responder, theatre, api::viewer)::register);
        started.push(SharingRoutes.add(api, theatre, bus, rules, live, releases, clock));
        started.push(CotSharing.federation(config, theatre, bus, live, rules, releases, access.audit(), meters));
        int httpPort = api.start();
        started.push(api);
        ports = new Ports(httpPort, cot.port(), cot.udpPort(), cot.tlsPort());
        if (config.simulation().enabled()) {
            startSimulation(wall, exercise);
        }
        if (replayConfig != null) {
            replay = new JsonlReplaySource(replayConfig, theatre, bus, meters, wall);
            replay.start();
            started.push(replay);
        }
        LOG.info("theatre '{}': {} sectors, {} zones, {} sensors, {} units", theatre.name(), theatre.sectors().size(),
                theatre.zones().size(), theatre.sensors().size(), theatre.units().size());
    }

    /** Opens the event log and the bus over it, and brings the views back from the log. */
    private Restored openLog(Clock clock) throws IOException {
        // Nothing is published onward before it is in the log; views come back from the log at start.
        StoreConfig storeConfig = config.store().log();
        EventLog log = EventLogs.open(config.db(), config.dataDir(), storeConfig);
        started.push(log::close);
        UnitStateView unitStates = new UnitStateView();
        PostureView postures = new PostureView();
        // Response times are a view of the log: rebuilt at start, fed in log order.
        ResponseTimesView responseTimes = new ResponseTimesView(theatre);
        bus = new LoggedBus(delivery, log, storeConfig, meters,
                List.of(unitStates, postures, responseTimes, releases));
        // The tracker and the alert desk come back as a clean replay of the log makes them (see docs/operations.md, Restart).
        TrackerView trackerView = new TrackerView(config.tracker(), theatre);
        DeskView deskView = new DeskView();
        // The responder's tasks, control and inputs come back from the log too (see docs/response.md, Dispatch).
        TaskView taskView = new TaskView(theatre);
        long seq = bus.start(List.of(trackerView, deskView, taskView));
        started.push(bus);
        RetentionTask retention = new RetentionTask(log, storeConfig.retention(), clock, meters);
        retention.start();
        started.push(retention);
        // Taken once, before the checkpointer moves the view on: the picture and the responder start from it.
        return new Restored(log, unitStates, postures, responseTimes, trackerView, deskView, taskView,
                taskView.state(), seq);
    }

    /** The tracker, the alert desk and the live picture, restored and subscribed; checkpoints in the background. */
    private void startEngines(Restored restored, Clock clock) {
        TrackerService tracker = new TrackerService(config.tracker(), bus, theatre, meters);
        tracker.restore(restored.tracker().state(), restored.seq());
        restored.tracker().follow(tracker); // the checkpointer snapshots the live tracker: no second one
        rules = new RulesService(RulesConfigLoader.forTheatre(config.theatre(), config.rules()), bus, theatre, meters,
                clock);
        restored.desk().events().forEach(rules::replay);
        rules.restorePostures(restored.postures().latest().values());
        long snapshotEvery = config.store().log().snapshotEvery();
        Checkpointer checkpointer = new Checkpointer(restored.log(),
                List.of(restored.tracker(), restored.desk(), restored.tasks()),
                snapshotEvery == 0 ? Long.MAX_VALUE : snapshotEvery, config.store().restart().checkpointInterval(),
                meters);
        checkpointer.start(restored.seq());
        started.push(checkpointer);

        live = new LiveState(bus, config.live());
        restorePicture(restored);
        live.start();
        started.push(live);
        tracker.start();
        started.push(tracker);
        rules.start();
        started.push(rules);
    }

    private CotServer startCot(SectorLocator sectors, Clock clock, Clock wall) throws IOException {
        CotServer cot = new CotServer(CotServerConfig.of(config.cot()), bus, theatre.defaultMarking(), meters, clock,
                ll -> sectors.sectorOf(ll[0], ll[1]));
        // Alerts reach each TAK device in its crew's language (the theatre unit whose id is the device uid), else English.
        Map<String, String> crewLanguages = new HashMap<>();
        theatre.units().stream().filter(u -> u.language() != null).forEach(u -> crewLanguages.put(u.id(), u.language()));
        cot.alertLanguages(crewLanguages::get, "en");
        // While the store is down a device's report is refused, not relayed unstored (see docs/reliability.md).
        cot.storeHealth(() -> bus.log().health().up());
        // Plain TCP devices are the home agency's own (or the configured agency's); TLS devices their certificate's.
        CotSharing.devices(cot, config, theatre, releases);
        cot.uidHoldings(access.uids()::hold); // a restart frees no device uid (see docs/cot-tak.md)
        started.push(cot);
        cot.start();
        // Disabled accounts and revoked certificates lose their live connections (see docs/access.md).
        started.push(LiveRevocations.start(cot, access.access(), startTls(cot, wall)));
        return cot;
    }

    /** TLS streaming when it is on and the data directory holds the certificate authority (certificates live in wall time); null when off. */
    private CertificateAuthority startTls(CotServer cot, Clock wall) throws IOException {
        if (config.cot().tlsPort() < 0 || !CertificateAuthority.exists(config.dataDir())) {
            LOG.info("CoT TLS off: port {}, certificate authority in {}: {} (shekara certs init)",
                    config.cot().tlsPort(), config.dataDir(), CertificateAuthority.exists(config.dataDir()));
            return null;
        }
        try {
            CertificateAuthority ca = CertificateAuthority.open(config.dataDir(), wall);
            cot.startTls(ca.serverContext(cot::tlsRefused), config.cot().tlsPort(), access.accounts()::find);
            return ca;
        } catch (GeneralSecurityException e) {
            throw new IOException("CoT TLS: " + e.getMessage(), e);
        }
    }

    /** Alerts, sectors, what-if plans, response times and after-action review. */
    private void addViewRoutes(ApiServer api, Restored restored, ResponseModels models) {
        api.addRoutes(new AlertsApi(rules, api::viewer, () -> detectionProbability)::register);
        api.addRoutes(new SectorsApi(theatre, rules::postures, restored.postures(), api::viewer)::register);
        api.postures(new ApiServer.Postures(rules::postures, rules::bufferFactor));
        ShekaraConfig.Plan plan = config.response().plan();
        api.addRoutes(new PlanApi(models.planner(plan.planStepS()), models.area().orElse(null),
                plan.planHorizonS())::register);
        api.addRoutes(new ResponseStatsApi(restored.responseTimes()::records, api::viewer)::register);
        // After-action review: the picture at a time and incident exports, read from the log.
        api.addRoutes(new ReviewApi(new LogPictures(restored.log()), theatre, api::viewer)::register);
    }

    /** Live response: rankings per open incident, dispatch, tasks to the units' TAK devices. */
    private ResponseService startResponder(Restored restored, ResponseModels models, SectorLocator sectors,
                                           CotServer cot, Clock clock) {
        ResponseConfig responseConfig = config.response().desk();
        ResponseService desk = new ResponseService(responseConfig, bus, rules, theatre, models, sectors, clock);
        TaskView.State tasksBack = restored.tasksAtStart();
        desk.restore(tasksBack);
        desk.start();
        started.push(desk);
        cot.restoreTasks(tasksBack.tasks(), tasksBack.orders());
        cot.deliverTasks(new TaskCot(responseConfig.centreUid(), responseConfig.centreCallsign()));
        return desk;
    }

    private void startSimulation(Clock wall, ExerciseClock exercise) {
        simulation = new SimulationSource(
                SimulationSourceConfig.demo(config.simulation().seed(), config.simulation().speed())
                        .withFailures(SensorFailure.demo(theatre).stream().toList()),
                theatre, bus, meters, wall);
        if (exercise != null) {
            simulation.follow(exercise);
        }
        // With truth at hand, measure each sensor's probability of detection as the scenario runs.
        DetectionProbability pd = new DetectionProbability(theatre.sensors(), config.simulation().pdLateness());
        simulation.onTruth(pd::truth);
        started.push(bus.subscribe(Topic.OBSERVATIONS, "detection-probability", pd::detection));
        detectionProbability = pd;
        // The scenario's feed carries every theatre sensor: each is expected to report from the start.
        rules.expectSensors(theatre.sensors().stream().map(kz.shekara.theatre.Sensor::id).toList(),
                theatre.defaultMarking().asExercise());
        simulation.start();
        started.push(simulation);
    }

    /**
     * Gives the live picture back after a restart: every unit's last position (kept whole by the
     * unit-state view) and the most recent stretch of the log ({@code store.restoreTailEvents}
     * events), which the picture's own event-time windows then trim. The rules re-run the inputs of
     * that stretch's last {@code store.rulesWarmUp} (their dwell timers and active alert keys; what
     * they raise is already in the log).
     */
    private void restorePicture(Restored restored) {
        long lastSeq = restored.seq();
        restored.unitStates().units().values().forEach(live::accept);
        // Tasked units keep their task's status across a restart, on the map and for sector coverage.
        TaskView.State response = restored.tasksAtStart();
        response.controls().forEach(rules::replay);
        response.tasks().forEach(t -> {
            live.accept(t);
            rules.replay(t);
        });
        List<DomainEvent> inputs = new ArrayList<>();
        long tail = config.store().restart().restoreTailEvents();
        try (var events = restored.log().readAfter(Math.max(0, lastSeq - tail))) {
            events.forEach(e -> {
                live.accept(e.event());
                if (e.seq() <= lastSeq && !DeskView.isDeskOutput(e.event())) {
                    inputs.add(e.event());
                }
            });
        }
        inputs.stream().map(DomainEvent::time).max(Comparator.naturalOrder()).ifPresent(latest -> {
            Instant from = latest.minus(config.store().restart().rulesWarmUp());
            inputs.stream().filter(e -> !e.time().isBefore(from)).forEach(rules::replay);
        });
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

    /** The audit trail in the server's store: where logins, releases, crisis and account changes are recorded. */
    public AuditTrail audit() {
        return access.audit();
    }

    /** The live rules and alert desk (for a Kafka node that runs them apart, see {@link KafkaNode}). */
    RulesService rules() {
        return rules;
    }

    /** The dispatch desk (for a Kafka node that runs it apart, see {@link KafkaNode}). */
    ResponseService responder() {
        return responder;
    }

    /** The web map and API: a Kafka node reports its cluster on health and the status line. */
    ApiServer api() {
        return api;
    }

    /** Closes {@code c} with the server, before what was started earlier. */
    void closeWith(AutoCloseable c) {
        started.push(c);
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
