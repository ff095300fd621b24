package kz.shekara.server.alertdesk;

import kz.shekara.server.config.RulesSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.AlertDesk;
import kz.shekara.incident.AlertStatistics;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.ControlChange;
import kz.shekara.model.AlertChange;
import kz.shekara.model.Detection;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Task;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;

/**
 * The live rules: subscribes to tracks, observations, unit positions and sensor heartbeats, runs
 * them through one {@link AlertDesk}, and publishes what comes out — alerts on {@link Topic#ALERTS},
 * alert changes on {@link Topic#ALERT_CHANGES}, incident events on {@link Topic#INCIDENTS}, posture
 * changes on {@link Topic#POSTURE} — keyed by sector, in order, with {@link Bus#publishAsync} (so
 * evaluation never waits on a durable commit; operator commands wait for theirs, and the reads
 * ({@link #alerts()} etc.) wait until what they show is stored). Operator commands (acknowledge, close, incident
 * status, posture) take their time from the injected clock. Between events, a once-a-second tick
 * moves event time on by the wall time elapsed since the last event (so a silent sensor is noticed
 * while nothing arrives, also when replaying at real-time pace). Thread-safe: one lock around the
 * desk, except that a detection the desk says can change nothing ({@link AlertDesk#changedBy}: a plot no
 * later than one already fed from its sensor) is passed by without it, so a radar's scan takes the lock
 * once, not once per plot. Meters: {@code shekara.rules.alerts{rule}}, {@code shekara.rules.evaluation}
 * (time per input fed to the desk), {@code shekara.rules.skipped} (detections passed by).
 */
public final class RulesService implements AutoCloseable {
    private static final String NO_SECTOR = "-";

    private final Bus bus;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AlertDesk desk;
    private final kz.shekara.rules.RulesConfig rulesConfig;
    private final Timer evaluation;
    private final Counter skipped;
    /** Per sensor, the latest time of a detection fed (or being fed) to the desk; never moves back. */
    private final Map<String, Instant> fedUpTo = new ConcurrentHashMap<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private ScheduledExecutorService ticker;
    private Instant lastEventTime;
    private Instant lastEventWall;
    private CompletableFuture<Void> lastOutput = CompletableFuture.completedFuture(null); // guarded by desk
    private final CommandRelay relay;

    public RulesService(RulesSettings settings, Bus bus, Theatre theatre, MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.desk = new AlertDesk(theatre, settings.rules(), settings.incidents());
        this.rulesConfig = settings.rules();
        this.relay = new CommandRelay(clock, theatre.defaultMarking());
        this.evaluation = Timer.builder("shekara.rules.evaluation").description("Rule evaluation time per input event")
                .register(registry);
        this.skipped = Counter.builder("shekara.rules.skipped")
                .description("Detections passed by without evaluation: no later than one already fed from their sensor")
                .register(registry);
    }

    /** Subscribes to the input topics and starts the clock tick. */
    public synchronized void start() {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("rules service already started");
        }
        subscriptions.add(bus.subscribe(Topic.TRACKS, "rules", u -> handle(u.time(), () -> desk.onTrack(u))));
        subscriptions.add(bus.subscribe(Topic.OBSERVATIONS, "rules", this::onDetection));
        subscriptions.add(bus.subscribe(Topic.UNIT_POSITIONS, "rules", p -> handle(p.time(), () -> desk.onUnit(p))));
        subscriptions.add(bus.subscribe(Topic.HEARTBEATS, "rules", h -> handle(h.time(), () -> desk.onHeartbeat(h))));
        subscriptions.add(bus.subscribe(Topic.TASKS, "rules", t -> handle(t.time(), () -> desk.onTask(t))));
        subscriptions.add(bus.subscribe(Topic.UNIT_CONTROL, "rules", c -> handle(c.time(), () -> desk.onControl(c))));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("rules-tick").unstarted(r));
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void onDetection(Detection d) {
        if (claim(d)) {
            handle(d.time(), () -> desk.onDetection(d));
        } else {
            skipped.increment();
        }
    }

    /**
     * Whether the detection must go to the desk; if so, its time becomes its sensor's latest fed (a
     * compare-and-set, so the map never moves back). A sensor's detections come in order on one bus
     * partition (its sector's key), so the one that set a later time has been fed by the time a plot is
     * passed by for it.
     */
    private boolean claim(Detection d) {
        while (true) {
            Instant before = fedUpTo.get(d.sensor());
            if (!desk.changedBy(d, before)) {
                return false;
            }
            if (before == null ? fedUpTo.putIfAbsent(d.sensor(), d.time()) == null
                    : !d.time().isAfter(before) || fedUpTo.replace(d.sensor(), before, d.time())) {
                return true;
            }
        }
    }

    private void handle(Instant eventTime, Supplier<List<DomainEvent>> step) {
        long t0 = System.nanoTime();
        synchronized (desk) {
            if (lastEventTime == null || eventTime.isAfter(lastEventTime)) {
                lastEventTime = eventTime;
                lastEventWall = clock.instant();
            }
            publish(step.get());
        }
        evaluation.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    /** Moves event time on by the wall time since the last event; public for tests that drive a fixed clock. */
    public void tick() {
        synchronized (desk) {
            if (lastEventTime == null) {
                return;
            }
            Duration idle = Duration.between(lastEventWall, clock.instant());
            if (!idle.isNegative() && !idle.isZero()) {
                publish(desk.advance(lastEventTime.plus(idle)));
            }
        }
    }

    /**
     * Hands the outputs to the bus in order without waiting for a durable commit ({@link Bus#publishAsync}),
     * so evaluation goes on meanwhile; returns the future of the last (done when all are handed on).
     */
    private CompletableFuture<Void> publish(List<DomainEvent> events) {
        CompletableFuture<Void> last = lastOutput;
        for (DomainEvent e : events) {
            last = switch (e) {
                case Alert a -> {
                    Counter.builder("shekara.rules.alerts").tag("rule", a.rule().code()).register(registry).increment();
                    yield bus.publishAsync(Topic.ALERTS, key(a.sector()), a);
                }
                case AlertChange c -> bus.publishAsync(Topic.ALERT_CHANGES, c.alert(), c);
                case IncidentEvent i -> bus.publishAsync(Topic.INCIDENTS, key(i.sector()), i);
                case PostureChange p -> bus.publishAsync(Topic.POSTURE, p.sector(), p);
                default -> throw new IllegalStateException("unexpected event " + e.getClass().getSimpleName());
            };
        }
        lastOutput = last;
        return last;
    }

    private static String key(String sector) {
        return sector == null ? NO_SECTOR : sector;
    }

    /** See {@link AlertBook#acknowledge}; publishes the change (relayed: sends the command on, answers null). */
    public AlertChange acknowledge(String alert, String by) {
        return relay.sent(OperatorCommand.Kind.ACKNOWLEDGE, alert, by, null, null, null, null, null) ? null
                : command(() -> desk.acknowledge(alert, by, clock.instant()));
    }

    /** See {@link AlertBook#close}; publishes the change (relayed: sends the command on, answers null). */
    public AlertChange close(String alert, String by, Disposition disposition, String note) {
        return relay.sent(OperatorCommand.Kind.CLOSE, alert, by, null, null, disposition, note, null) ? null
                : command(() -> desk.close(alert, by, disposition, note, clock.instant()));
    }

    /** See {@link kz.shekara.incident.IncidentBook#change}; publishes the incident event (relayed: as above). */
    public IncidentEvent changeIncident(String incident, IncidentStatus status, String unit, String by, String note,
                                        Disposition disposition) {
        return relay.sent(OperatorCommand.Kind.INCIDENT_STATUS, incident, by, status, unit, disposition, note, null) ? null
                : changeIncident(incident, status, unit, by, note, disposition, clock.instant());
    }

    /**
     * Sends operator commands on to the desk that owns their sector ({@code to}, keyed by sector) instead of
     * applying them here: for a node whose desk only shows what another node's rules publish. Call before serving.
     */
    public void relayCommands(java.util.function.Consumer<OperatorCommand> to) {
        relay.to(to);
    }

    /** Applies a command relayed from another node at its time, as its operator's (a dispatch is passed by). */
    public void obey(OperatorCommand c) {
        switch (c.kind()) {
            case ACKNOWLEDGE -> command(() -> desk.acknowledge(c.target(), c.by(), c.time()));
            case CLOSE -> command(() -> desk.close(c.target(), c.by(), c.disposition(), c.note(), c.time()));
            case INCIDENT_STATUS -> changeIncident(c.target(), c.status(), c.unit(), c.by(), c.note(), c.disposition(),
                    c.time());
            case POSTURE -> command(() -> desk.setPosture(c.target(), c.posture(), c.by(), c.note(), c.time()));
            case DISPATCH -> {
            }
        }
    }

    /**
     * The same at a given event time: for steps whose time comes from an event (a unit's position
     * report putting it on scene), not from the operator's clock.
     */
    public IncidentEvent changeIncident(String incident, IncidentStatus status, String unit, String by, String note,
                                        Disposition disposition, Instant time) {
        return command(() -> desk.changeIncident(incident, status, unit, by, note, disposition, time));
    }

    /** See {@link kz.shekara.incident.IncidentBook#acknowledge}: a crew's acknowledgement on the timeline; published. */
    public IncidentEvent acknowledgeIncident(String incident, String unit, String note, Instant time) {
        return command(() -> desk.acknowledgeIncident(incident, unit, note, time));
    }

    /** Runs one operator command on the desk and returns its event once it is stored. */
    private <E extends DomainEvent> E command(Supplier<E> step) {
        E e;
        CompletableFuture<Void> published;
        synchronized (desk) {
            e = step.get();
            published = publish(List.of(e));
        }
        return StoredAnswer.of(e, published);
    }

    /** How much a posture level widens zone buffers (its profile's buffer factor). */
    public double bufferFactor(Posture posture) {
        return rulesConfig.profile(posture).bufferFactor();
    }

    /**
     * Declares the theatre sensors a feed carries (its configuration): expected to report from now on;
     * the feed's marking marks their silence until they are heard.
     */
    public void expectSensors(java.util.Collection<String> sensors, kz.shekara.model.Marking feedMarking) {
        synchronized (desk) {
            desk.expectSensors(sensors, feedMarking);
        }
    }

    /** See {@link AlertDesk#takeSectors}: sectors given up, taken back from another rules worker once rebuilt. */
    public void takeSectors(java.util.Collection<String> sectors) {
        synchronized (desk) {
            desk.takeSectors(sectors);
        }
    }

    /** See {@link AlertDesk#giveUpSectors}: their alerts, incidents and rules' state leave the desk. */
    public void giveUpSectors(java.util.Collection<String> sectors) {
        synchronized (desk) {
            desk.giveUpSectors(sectors);
        }
    }

    /** A commander's posture change; publishes it. */
    public PostureChange setPosture(String sector, Posture posture, String by, String reason) {
        return relay.sent(OperatorCommand.Kind.POSTURE, sector, by, null, null, null, reason, posture) ? null
                : command(() -> desk.setPosture(sector, posture, by, reason, clock.instant()));
    }

    /**
     * Rebuilds the desk from one logged event (see {@link AlertDesk#replay}): outputs are folded in,
     * inputs only bring the rules' state up to date; nothing is published. Call before {@link #start()}.
     */
    public void replay(DomainEvent logged) {
        synchronized (desk) {
            desk.replay(logged);
        }
    }

    /**
     * An input as the subscriptions of {@link #start()} take it (track, detection, unit position, heartbeat,
     * task, control change), for a node that subscribes the rules' inputs itself; other events are ignored.
     */
    public void take(DomainEvent input) {
        switch (input) {
            case TrackUpdate u -> handle(u.time(), () -> desk.onTrack(u));
            case Detection d -> onDetection(d);
            case UnitPosition p -> handle(p.time(), () -> desk.onUnit(p));
            case SensorHeartbeat h -> handle(h.time(), () -> desk.onHeartbeat(h));
            case Task t -> handle(t.time(), () -> desk.onTask(t));
            case ControlChange c -> handle(c.time(), () -> desk.onControl(c));
            default -> {
            }
        }
    }

    /**
     * Takes over sectors another desk worked, by the restart rule: folds that desk's outputs in (alerts,
     * alert changes, incident events, posture changes: what the books already hold is passed by), then
     * re-runs the inputs it handled within {@code warmUp} of the latest of them through the rules only
     * (their dwell timers and active alert keys; what they raise is already among the outputs). Nothing
     * is published. The inputs in event-time order.
     */
    public void rebuild(List<DomainEvent> outputs, List<DomainEvent> inputs, Duration warmUp) {
        synchronized (desk) {
            outputs.forEach(desk::fold);
            if (!inputs.isEmpty()) {
                Instant from = inputs.getLast().time().minus(warmUp);
                inputs.stream().filter(e -> !e.time().isBefore(from)).forEach(desk::replay);
            }
        }
    }

    /** Blocks until every output so far has been handed to the bus (a failure to store them is not rethrown). */
    public void handedOn() {
        CompletableFuture<Void> upTo;
        synchronized (desk) {
            upTo = lastOutput;
        }
        upTo.exceptionally(failure -> null).join();
    }

    /**
     * Takes back the sectors' postures recorded in the log (at a restart, from {@link PostureView}):
     * applied to the rules, not published again. A change for a sector the theatre no longer has is skipped.
     */
    public void restorePostures(java.util.Collection<PostureChange> changes) {
        synchronized (desk) {
            for (PostureChange c : changes) {
                if (desk.postures().containsKey(c.sector())) {
                    desk.apply(c);
                }
            }
        }
    }

    public List<AlertBook.Entry> alerts() {
        return readStored(() -> desk.alerts().list());
    }

    public List<Incident> incidents() {
        return readStored(() -> desk.incidents().list());
    }

    public AlertStatistics.Snapshot statistics() {
        return readStored(() -> desk.statistics());
    }

    public Map<String, Posture> postures() {
        return readStored(() -> desk.postures());
    }

    /**
     * A read of the desk that shows nothing not yet stored: it waits (outside the lock) until the
     * outputs handed over up to the read are stored and handed on; if the store refuses them it
     * answers anyway (the store's health says DOWN).
     */
    private <T> T readStored(Supplier<T> read) {
        T value;
        CompletableFuture<Void> upTo;
        synchronized (desk) {
            value = read.get();
            upTo = lastOutput;
        }
        upTo.exceptionally(failure -> null).join();
        return value;
    }

    public Theatre theatre() {
        return desk.theatre();
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
