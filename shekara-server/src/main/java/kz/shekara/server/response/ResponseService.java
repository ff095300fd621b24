package kz.shekara.server.response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.model.ControlChange;
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
 * standing). Operator commands (dispatch, operational control) take their time from the injected
 * clock. Thread-safe: one lock around the desk; what it decided is carried out outside it, in order.
 */
public final class ResponseService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseService.class);

    private final Bus bus;
    private final RulesService rules;
    private final Clock clock;
    private final DispatchDesk desk;
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();

    public ResponseService(ResponseConfig config, Bus bus, RulesService rules, Theatre theatre, ResponseModels models,
                           SectorLocator sectors, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.desk = new DispatchDesk(Objects.requireNonNull(config, "config"), Objects.requireNonNull(theatre, "theatre"),
                Objects.requireNonNull(models, "models"), sectors);
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
        }
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
        subscriptions.add(bus.subscribe(Topic.UNIT_CONTROL, "response", c -> handle(desk::onControl, c)));
    }

    private <E> void handle(Function<E, List<DispatchOutput>> input, E event) {
        List<DispatchOutput> out;
        synchronized (desk) {
            out = input.apply(event);
        }
        carryOut(out);
    }

    /** Publishes the task steps and moves the incidents on, in the order the desk decided them. */
    private void carryOut(List<DispatchOutput> out) {
        for (DispatchOutput o : out) {
            switch (o) {
                case DispatchOutput.TaskStep s -> bus.publish(Topic.TASKS, s.sector() == null ? "-" : s.sector(),
                        s.task());
                case DispatchOutput.Acknowledgement a -> {
                    try {
                        rules.acknowledgeIncident(a.incident(), a.unit(), a.note(), a.time());
                    } catch (IllegalStateException | NoSuchElementException e) {
                        LOG.debug("acknowledgement of {} not on its timeline: {}", a.incident(), e.getMessage());
                    }
                }
                case DispatchOutput.IncidentStep i -> {
                    try {
                        rules.changeIncident(i.incident(), i.status(), i.unit(), i.by(), i.note(), null, i.time());
                    } catch (IllegalStateException | NoSuchElementException e) {
                        // The operator moved the incident on already (or closed it): the task step stands.
                        LOG.debug("incident {} not moved to {}: {}", i.incident(), i.status().code(), e.getMessage());
                    }
                }
            }
        }
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
        DispatchDesk.Pending pending;
        synchronized (desk) {
            pending = desk.dispatch(incident, unitId, by, clock.instant());
        }
        DispatchOutput.IncidentStep a = pending.assignment();
        try {
            rules.changeIncident(a.incident(), a.status(), a.unit(), a.by(), a.note(), null, a.time());
        } catch (RuntimeException e) {
            synchronized (desk) {
                desk.cancel(pending.task());
            }
            throw e;
        }
        List<DispatchOutput> out;
        synchronized (desk) {
            out = desk.confirm(pending.task());
        }
        carryOut(out);
        return pending.task();
    }

    /**
     * Hands operational control of a unit to a command at the clock's time and publishes the change.
     *
     * @throws NoSuchElementException when there is no such unit
     * @throws IllegalArgumentException when the command or who changes it is blank
     */
    public ControlChange setControl(String unitId, String command, String by, String reason) {
        ControlChange c;
        synchronized (desk) {
            c = desk.setControl(unitId, command, by, reason, clock.instant());
        }
        bus.publish(Topic.UNIT_CONTROL, unitId, c);
        return c;
    }

    /** Which command holds operational control of each theatre unit now, by unit id. */
    public Map<String, String> control() {
        synchronized (desk) {
            return desk.control();
        }
    }

    /** See {@link DispatchDesk#recommendations}. */
    public Optional<IncidentResponse> recommendations(String incident, String command) {
        synchronized (desk) {
            return desk.recommendations(incident, command);
        }
    }

    /** The active tasks, by id. */
    public List<Task> tasks() {
        synchronized (desk) {
            return desk.tasks();
        }
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
