package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.SectorHandler;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.response.UnitClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response worker of a Kafka cluster (beside the rules on a {@code rules,response} node): takes the
 * dispatch desk's inputs keyed by sector (tracks, alerts, incident events, postures, and operators' dispatches
 * sent from other nodes: {@link SectorCommands}) on one consumer per
 * worker in the group shared by every response worker, so that it holds the same sectors of every one of
 * them (and, as the groups deal partitions alike over the same nodes, the sectors its rules hold); when it
 * takes sectors over it rebuilds their tasks, unit assignments and incidents followed from what the
 * previous owner published on the tasks topic, every incident event of their partition (read whole: an open
 * incident is followed however long ago it had its last event) and the other inputs it handled within the window
 * (see {@link ResponseService#rebuild}), before any new input of them; when it gives sectors up, their incidents,
 * tasks and unit assignments leave the desk ({@link ResponseService#giveUpSectors}). Inputs the previous owner handled after
 * its last commit are handled again: the desk holds their task steps already and does not step a task
 * twice. Unit positions, crews' messages and control changes are keyed otherwise (by sector of the unit,
 * chatroom, unit): every response worker takes all of them, in a group of its node's own, so it knows
 * every unit wherever its task lies; it takes every task step too, so that a unit another worker's desk tasked
 * counts as tasked here ({@link ResponseService#takeElsewhere}), and every claim on a unit ({@link UnitClaims}: its
 * desk tasks a unit only once its claim won; a partition taken frees the units claimed for its incidents with no
 * task). Meter: {@code shekara.response.rebuilt} (task steps and inputs folded). Thread-safe: the desk locks.
 */
final class ResponseSectors implements SectorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSectors.class);
    /** The desk's inputs keyed by sector. */
    static final List<Topic<?>> INPUTS = List.of(Topic.TRACKS, Topic.ALERTS, Topic.INCIDENTS, Topic.POSTURE,
            Topic.COMMANDS);
    /** The desk's output keyed by sector (its incident's): read back for the partitions taken. */
    static final List<Topic<?>> OUTPUTS = List.of(Topic.TASKS);
    /** The subscriber group of the inputs every worker takes whole (a group of the node's own on a {@link RoleBus}). */
    static final String UNITS_GROUP = "response-units";
    /** The key of the task steps of no sector (as {@link ResponseService} publishes them). */
    private static final String NO_SECTOR = "-";

    /** How long a dispatch waits for its claim on the unit to come back decided. */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(5);

    private final ResponseService response;
    private final UnitClaims claims;
    private final TrackReplayFilter tracks = new TrackReplayFilter();
    private final Counter rebuilt;
    private final SectorCommands commands;
    private final kz.shekara.theatre.Theatre theatre;
    private final int partitions;

    ResponseSectors(ResponseService response, UnitClaims claims, SectorCommands commands,
                    kz.shekara.theatre.Theatre theatre, int partitions, MeterRegistry meters) {
        this.response = response;
        this.claims = claims;
        this.commands = commands;
        this.theatre = theatre;
        this.partitions = partitions;
        this.rebuilt = meters.counter("shekara.response.rebuilt");
    }

    /**
     * Subscribes a node's dispatch desk (its own subscriptions left idle) to the cluster as a response worker:
     * the sector inputs on {@code bus}, the others whole on the node's {@code roleBus}.
     */
    static List<Bus.Subscription> subscribe(KafkaBus bus, Bus roleBus, ResponseService response,
                                            SectorCommands commands, kz.shekara.theatre.Theatre theatre,
                                            int partitions, Duration window, MeterRegistry meters) {
        List<Bus.Subscription> subs = new ArrayList<>();
        for (Topic<? extends DomainEvent> t : List.of(Topic.UNIT_POSITIONS, Topic.MESSAGES, Topic.UNIT_CONTROL)) {
            subs.add(roleBus.subscribe(t, UNITS_GROUP, response::take));
        }
        // Every worker's tasks too: a unit another desk tasked is not free here (the desk skips its own).
        subs.add(roleBus.subscribe(Topic.TASKS, UNITS_GROUP, response::takeElsewhere));
        // Every claim on a unit, from the topic's start: which desk tasks a unit is decided there, one unit at a time.
        UnitClaims claims = new UnitClaims(roleBus, CLAIM_WAIT, meters);
        subs.add(roleBus.subscribe(Topic.UNIT_CLAIMS, UNITS_GROUP, claims::take));
        response.claimUnits(claims);
        subs.add(bus.subscribeSectors("response", INPUTS, OUTPUTS, List.of(), window,
                new ResponseSectors(response, claims, commands, theatre, partitions, meters)));
        return subs;
    }

    @Override
    public void rebuild(int partition, List<DomainEvent> outputs, List<DomainEvent> inputs) {
        for (DomainEvent e : inputs) {
            if (e instanceof TrackUpdate u) {
                tracks.fresh(u); // handled by the previous owner: not to be taken again when a tracker resends it
            }
        }
        response.rebuild(outputs, inputs);
        rebuilt.increment(outputs.size() + inputs.size());
        // A unit claimed for an incident of these sectors by a desk that did not live to make its task is freed.
        Set<String> active = new HashSet<>();
        response.tasks().forEach(t -> active.add(t.id()));
        int freed = claims.releaseWithoutTask(sectorsOf(partition), active);
        if (freed > 0) {
            LOG.info("response: partition {} taken with {} units claimed and no task: released", partition, freed);
        }
    }

    @Override
    public void accept(int partition, DomainEvent event) {
        if (event instanceof TrackUpdate u && !tracks.fresh(u)) {
            return;
        }
        if (event instanceof OperatorCommand c) {
            commands.dispatch(response, c); // an operator's dispatch sent from another node (SectorCommands)
            return;
        }
        response.take(event);
    }

    @Override
    public void handedOn() {
        // The desk publishes as it decides (bus.publish): the bus's flush before a commit sends it.
    }

    @Override
    public void revoked(int partition) {
        // Its incidents and tasks are another worker's now: they leave the desk (units stay: every worker knows them).
        response.giveUpSectors(sectorsOf(partition));
    }

    /** The theatre's sectors of a partition, and null (no sector) on the partition of its key. */
    private List<String> sectorsOf(int partition) {
        List<String> sectors = new ArrayList<>(SectorPartitions.in(partition,
                theatre.sectors().stream().map(kz.shekara.theatre.Sector::id).toList(), partitions));
        if (SectorPartitions.of(NO_SECTOR, partitions) == partition) {
            sectors.add(null);
        }
        return sectors;
    }

    /** Incident events are read back whole for a partition taken: every open incident is followed, however old. */
    @Override
    public java.util.Set<Topic<?>> inputsReadWhole() {
        return java.util.Set.of(Topic.INCIDENTS);
    }
}
