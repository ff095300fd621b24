package kz.shekara.server.response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kz.shekara.dispatch.ControlDesk;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Task;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dispatch desk: subscribes to TRACKS, ALERTS, INCIDENTS, UNIT_POSITIONS, MESSAGES, POSTURE
 * and UNIT_CONTROL, runs them through one {@link DispatchDesk}, and carries out what it decides — task
 * steps published on {@link Topic#TASKS} keyed by their incident's sector, incidents moved on through
 * {@link RulesService} at the event time that caused the step (a refusal there leaves the task step
 * standing). Operator commands (dispatch, operational control, crises) take their time from the
 * injected clock; operational control and crises are decided by a {@link ControlDesk}, applied at once and
 * published ({@link Topic#UNIT_CONTROL}, {@link Topic#CRISES}), on a cluster node recorded first and taken in
 * their topics' order ({@link #shareControl}). On a cluster of response workers ({@link #claimUnits}) a dispatch
 * goes on only once its claim on the unit won, and a task's end releases it. Thread-safe: one lock around the
 * desks (never held while a claim is waited for); what they decided is carried out outside it, in order.
 */
public final class ResponseService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseService.class);

    private final Bus bus;
    private final RulesService rules;
    private final Clock clock;
    private final DispatchDesk desk;
    private final ControlDesk controls;
    /** Control changes this service applied and published, not yet delivered back by the bus (guarded by desk). */
    private final Set<ControlChange> applied = new java.util.HashSet<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    /** Closings taken back by {@link #restore} whose tasks' ends were never logged: ended at {@link #start}. */
    private List<IncidentEvent> unended = List.of();
    private final kz.shekara.model.Marking marking;
    /** Where dispatches go when the desk that owns their sector runs elsewhere; null: decided here. */
    private volatile java.util.function.Consumer<OperatorCommand> relay;
    /** Where crises and transfers are decided on a node of a cluster (in their topics' order); null: here. */
    private volatile SharedCrises shared;
    private volatile SharedControl sharedControl;
    private final DeskOutputs outputs;

    public ResponseService(ResponseConfig config, Bus bus, RulesService rules, Theatre theatre, ResponseModels models,
                           SectorLocator sectors, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desk = new DispatchDesk(Objects.requireNonNull(config, "config"), Objects.requireNonNull(theatre, "theatre"),
                Objects.requireNonNull(models, "models"), sectors);
        this.controls = new ControlDesk(theatre);
        this.outputs = new DeskOutputs(bus, rules);
        this.marking = theatre.defaultMarking();
    }

    /**
     * Takes back the state a {@link TaskView} rebuilt from the log (tasks, operational control,
     * positions, postures, open incidents and their targets), publishing nothing; call before
     * {@link #start()}. Rankings are recomputed when next asked for or when an input changes.
     */
    public synchronized void restore(TaskView.State s) {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("restore before the response service starts");
        }
        synchronized (desk) {
            desk.restore(s.toDesk());
            controls.restore(s.crises(), s.controls());
        }
        unended = s.closing();
    }

    public synchronized void start() {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("response service already started");
        }
        subscriptions.add(bus.subscribe(Topic.ALERTS, "response", a -> handle(desk::onAlert, a)));
        subscriptions.add(bus.subscribe(Topic.INCIDENTS, "response", e -> handle(desk::onIncident, e)));
        subscriptions.add(bus.subscribe(Topic.TRACKS, "response", t -> handle(desk::onTrack, t)));
        subscriptions.add(bus.subscribe(Topic.UNIT_POSITIONS, "response", p -> handle(desk::onPosition, p)));
        subscriptions.add(bus.subscribe(Topic.MESSAGES, "response", m -> handle(desk::onChat, m)));
        subscriptions.add(bus.subscribe(Topic.POSTURE, "response", c -> handle(desk::onPosture, c)));
        subscriptions.add(bus.subscribe(Topic.UNIT_CONTROL, "response", c -> handle(this::delivered, c)));
        endUnended(unended);
        unended = List.of();
    }

    /**
     * Ends the tasks of incidents closed before the node stopped whose ends were never logged: the desk takes
     * each closing event again, as it would have, and its task's end is published (at the closing's time).
     */
    private void endUnended(List<IncidentEvent> closings) {
        for (IncidentEvent e : closings) {
            LOG.info("task of incident {} closed at {} was not ended before the stop: ending it", e.incident(), e.time());
            handle(desk::onIncident, e);
        }
    }

    /**
     * An input as the subscriptions of {@link #start()} take it (alert, incident event, track, unit position,
     * chat, posture, control change), for a node that subscribes the desk's inputs itself; others give nothing.
     */
    public void take(DomainEvent input) {
        if (input instanceof ControlChange c && sharedControl != null) { // set once (a cluster node), never unset
            sharedControl.take(c); // in the record's order, by its rule: a transfer may not take effect
        } else if (input instanceof ControlChange c) {
            handle(this::delivered, c);
        } else {
            handle(desk::on, input);
        }
    }

    /**
     * Takes over sectors another desk worked, as a restart takes the desk back from the log: that desk's
     * task steps ({@code tasks}) and the inputs it handled (tracks, alerts, incident events, postures) are
     * folded in event-time order into the state a {@link TaskView} keeps, which the desk takes in beside
     * what it holds. Decides nothing; publishes only the ends of tasks whose incidents closed before that desk
     * ended them (see {@link #start}).
     */
    public void rebuild(List<? extends DomainEvent> tasks, List<? extends DomainEvent> inputs) {
        TaskView.State state = TaskView.folded(tasks, inputs);
        synchronized (desk) {
            desk.restore(state.toDesk());
        }
        endUnended(state.closing());
    }

    /** See {@link DispatchDesk#onTaskElsewhere}: a task step of another response worker's desk, read from the bus. */
    public void takeElsewhere(Task t) {
        handle(desk::onTaskElsewhere, t);
    }

    /**
     * As {@link #takeElsewhere}, on a node that decides no task (no {@code response} role: an api node): every task
     * step of the cluster, also listed by {@link #tasks}, so that its operators see every task.
     */
    public void showTask(Task t) {
        outputs.read(t);
        takeElsewhere(t);
    }

    /** See {@link DispatchDesk#giveUpSectors}: sectors given up to another response worker leave the desk. */
    public void giveUpSectors(java.util.Collection<String> sectors) {
        synchronized (desk) {
            desk.giveUpSectors(sectors);
        }
    }

    /** A control change from the bus: one this service made is applied already (a later one may have followed it). */
    private List<DispatchOutput> delivered(ControlChange c) {
        if (applied.remove(c)) {
            return List.of();
        }
        controls.onControl(c);
        return desk.onControl(c);
    }

    private <E> void handle(Function<E, List<DispatchOutput>> input, E event) {
        List<DispatchOutput> out;
        synchronized (desk) {
            out = input.apply(event);
        }
        outputs.carryOut(out);
    }

    /**
     * Dispatches a unit to an open incident at the clock's time: plans its intercept, assigns the
     * incident to it (an incident event) and publishes the task, with the order in the crew's
     * language for its device.
     *
     * @throws NoSuchElementException when there is no such open incident or unit
     * @throws IllegalStateException when the incident is not open, already has a task, the unit is
     *                               tasked already, or another command holds it
     * @throws IllegalArgumentException when who dispatches is not given
     */
    public Task dispatch(String incident, String unitId, String by) {
        return dispatch(incident, unitId, by, null);
    }

    /**
     * As {@link #dispatch(String, String, String)}, by an operator of {@code agency} (null: the home
     * agency): the unit must be under one of that agency's commands.
     */
    public Task dispatch(String incident, String unitId, String by, String agency) {
        java.util.function.Consumer<OperatorCommand> to = relay;
        if (to != null) {
            to.accept(new OperatorCommand(clock.instant(), null, OperatorCommand.Kind.DISPATCH, incident, null, by,
                    agency, null, unitId, null, null, null, marking));
            return null;
        }
        return dispatch(incident, unitId, by, agency, clock.instant());
    }

    /**
     * Sends dispatches on to the desk that owns the incident's sector ({@code to}) instead of deciding them here
     * (a node that does not run the desk); {@link #dispatch(String, String, String, String)} then answers null.
     */
    public void relayCommands(java.util.function.Consumer<OperatorCommand> to) {
        relay = to;
    }

    /**
     * Makes this desk task a unit only once it has won the unit's claim among the desks of a cluster (see
     * {@link UnitClaims}), and release it when the task ends. Without it (one process) the desk decides alone.
     */
    public void claimUnits(UnitClaims with) {
        outputs.claimUnits(with);
    }

    /** As above at a given time: a dispatch relayed from another node, at its operator's time. */
    public Task dispatch(String incident, String unitId, String by, String agency, java.time.Instant time) {
        DispatchDesk.Pending pending;
        synchronized (desk) {
            pending = agency == null ? desk.dispatch(incident, unitId, by, time)
                    : desk.dispatch(incident, unitId, by, agency, time);
        }
        return outputs.dispatch(desk, pending);
    }

    /**
     * Hands operational control of a unit to a command at the clock's time and publishes the change;
     * see {@link ControlDesk#transfer} for the refusals. On a cluster node see {@link #shareControl}: a 409 when
     * another change of the unit was recorded first, null when the change was not back within the wait.
     *
     * @param agency the agency of who transfers it, which must hold the unit now
     */
    public ControlChange setControl(String unitId, String command, String by, String agency, String reason) {
        SharedControl cluster = sharedControl;
        if (cluster != null) {
            return cluster.propose(() -> controls.transferral(unitId, command, by, agency, reason, clock.instant()));
        }
        return decidedHere(() -> controls.transfer(unitId, command, by, agency, reason, clock.instant()), List::of,
                c -> bus.publish(Topic.UNIT_CONTROL, unitId, c));
    }

    /**
     * Declares a crisis for a command at the clock's time and publishes it, then the control change
     * of each of its units; see {@link ControlDesk#declare} for the refusals. On a cluster node see
     * {@link #shareControl}: null when the declaration was not back within the wait.
     */
    public ControlDesk.Outcome declareCrisis(String command, String to, String by, String reason) {
        return crisisStep(() -> controls.declaration(command, to, by, reason, clock.instant()),
                () -> controls.declare(command, to, by, reason, clock.instant()));
    }

    /** Ends a crisis in force at the clock's time; see {@link ControlDesk#end} (and the cluster's way above). */
    public ControlDesk.Outcome endCrisis(String crisis, String by, String reason) {
        return crisisStep(() -> controls.ending(crisis, by, reason, clock.instant()),
                () -> controls.end(crisis, by, reason, clock.instant()));
    }

    /** A crisis declared or ended: proposed to the cluster ({@code proposal}), or decided here ({@code here}). */
    private ControlDesk.Outcome crisisStep(java.util.function.Supplier<CrisisEvent> proposal,
                                           java.util.function.Supplier<ControlDesk.Outcome> here) {
        SharedCrises cluster = shared;
        return cluster != null ? cluster.propose(proposal) : decidedHere(here, ControlDesk.Outcome::changes, this::publish);
    }

    /** Decided here (one process), one at a time: applied under the lock, then published and carried out. */
    private synchronized <T> T decidedHere(java.util.function.Supplier<T> decide,
            Function<T, List<ControlChange>> changes, java.util.function.Consumer<T> publish) {
        T made;
        List<DispatchOutput> out;
        synchronized (desk) {
            made = decide.get();
            out = apply(changes.apply(made));
        }
        publish.accept(made);
        outputs.carryOut(out);
        return made;
    }

    /**
     * Decides crises and transfers as a node of a cluster. Crises ({@link SharedCrises}): those held are forgotten;
     * the handler returned, subscribed to {@link Topic#CRISES} from its start, folds them again in the topic's order.
     * Transfers ({@link SharedControl}): from now on the control changes given to {@link #take} (read from the start
     * of {@link Topic#UNIT_CONTROL}) are folded in its order, and a transfer made here is proposed there.
     */
    public java.util.function.Consumer<CrisisEvent> shareControl(java.time.Duration wait,
            io.micrometer.core.instrument.Counter crisesUnanswered, io.micrometer.core.instrument.Counter unanswered) {
        sharedControl = new SharedControl(bus, controls::ownCommand, desk, this::delivered, outputs::carryOut, wait, unanswered);
        SharedCrises cluster = new SharedCrises(bus, controls, desk, this::apply, outputs::carryOut, wait,
                crisesUnanswered);
        shared = cluster;
        return cluster::take;
    }

    /** Crisis {@code id}: its declaration while in force, its end once ended (see {@link ControlDesk#crisis}). */
    public Optional<CrisisEvent> crisis(String id) {
        synchronized (desk) {
            return controls.crisis(id);
        }
    }

    /** The crises in force, oldest first (their declarations). */
    public List<CrisisEvent> crises() {
        synchronized (desk) {
            return controls.crises();
        }
    }

    /** The last control change of each unit ever changed, by unit id. */
    public Map<String, ControlChange> controlChanges() {
        synchronized (desk) {
            Map<String, ControlChange> m = new java.util.TreeMap<>();
            control().keySet().forEach(u -> controls.lastChange(u).ifPresent(c -> m.put(u, c)));
            return m;
        }
    }

    /** Applies changes the control desk made to the dispatch desk; the caller holds the desk's lock. */
    private List<DispatchOutput> apply(List<ControlChange> changes) {
        List<DispatchOutput> out = new ArrayList<>();
        for (ControlChange c : changes) {
            applied.add(c);
            out.addAll(desk.onControl(c));
        }
        return out;
    }

    private void publish(ControlDesk.Outcome o) {
        bus.publish(Topic.CRISES, o.event().command(), o.event());
        for (ControlChange c : o.changes()) {
            bus.publish(Topic.UNIT_CONTROL, c.unit(), c);
        }
    }

    /** Which command holds operational control of each theatre unit now, by unit id. */
    public Map<String, String> control() {
        synchronized (desk) {
            return desk.control();
        }
    }

    /** See {@link DispatchDesk#recommendations(String, String)}. */
    public Optional<IncidentResponse> recommendations(String incident, String command) {
        synchronized (desk) {
            return desk.recommendations(incident, command);
        }
    }

    /** See {@link DispatchDesk#recommendations(String, String, String)}. */
    public Optional<IncidentResponse> recommendations(String incident, String command, String agency) {
        synchronized (desk) {
            return desk.recommendations(incident, command, agency);
        }
    }

    /**
     * The active tasks, by id: this desk's, and on a node that decides none those of the cluster's desks as read
     * back from the tasks topic ({@link #showTask}).
     */
    public List<Task> tasks() {
        List<Task> own;
        synchronized (desk) {
            own = desk.tasks();
        }
        return outputs.withCluster(own);
    }

    /** The active task of a unit, if it has one. */
    public Optional<Task> taskOf(String unit) {
        synchronized (desk) {
            return desk.taskOf(unit);
        }
    }

    /** Crew reports that would have made a task step earlier than the one it follows: kept as positions only. */
    public long refusedReports() {
        synchronized (desk) {
            return desk.refusedReports();
        }
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
    }
}
