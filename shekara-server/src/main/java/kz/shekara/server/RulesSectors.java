package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.dispatch.ControlOfRecord;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.SectorHandler;
import kz.shekara.server.kafka.SectorPartitions;

/**
 * A rules worker of a Kafka cluster: takes the rules' inputs keyed by sector (tracks, detections, unit positions,
 * heartbeats, and operators' commands sent from other nodes: {@link SectorCommands})
 * on one consumer per worker in the group shared by every rules worker,
 * so that a worker holds the same sectors of every input topic and a rebalance moves them together; when it
 * takes sectors over (a worker lost, or a new one), it rebuilds their alerts (with their ids and lifecycle),
 * incidents and postures from what the previous owner published, and their rules' state from the inputs it
 * handled within {@code store.rulesWarmUp} (see {@link RulesService#rebuild}: the restart rule), before any
 * new input of them. The previous owner's last inputs after its last commit are handled again: the alerts
 * they raise again have the same ids (made from the finding and its time) and the desk drops them, so an
 * alert is neither raised twice nor lost and an incident is not split. Track updates a tracker worker sends
 * again are dropped ({@link TrackReplayFilter}). The desk is one for the node: when a partition leaves, its
 * sectors' alerts, incidents and rules' track state leave the desk and nothing more is raised or changed for them
 * here ({@link RulesService#giveUpSectors}); taken back, they are rebuilt as any partition taken. A worker starts
 * with every sector given up: a sector it never held is another worker's alike.
 * Meters: {@code shekara.rules.partitions} (partitions held), {@code shekara.rules.rebuilt} (outputs folded
 * and inputs re-run to rebuild). Thread-safe: the subscription's thread calls it.
 */
final class RulesSectors implements SectorHandler {
    /** The rules' inputs keyed by the sector they concern. */
    static final List<Topic<?>> INPUTS = List.of(Topic.TRACKS, Topic.OBSERVATIONS, Topic.UNIT_POSITIONS,
            Topic.HEARTBEATS, Topic.COMMANDS);
    /**
     * The group in which every rules worker reads the units' task steps and control changes whole: they change a
     * unit's availability to its own sector, but are keyed otherwise (a task by its incident's sector, a control
     * change by its unit), so the worker holding the unit's sector may hold none of their partitions.
     */
    static final String UNITS_GROUP = "rules-units";
    /** The rules' outputs keyed by sector (read back for the partitions taken). */
    static final List<Topic<?>> SECTOR_OUTPUTS = List.of(Topic.ALERTS, Topic.INCIDENTS, Topic.POSTURE);
    /** Alert changes are keyed by alert: read back whole, folded for the alerts known. */
    static final List<Topic<?>> OTHER_OUTPUTS = List.of(Topic.ALERT_CHANGES);

    /** The key of the outputs of no sector (as {@link RulesService} publishes them). */
    private static final String NO_SECTOR = "-";

    private final RulesService rules;
    private final SectorCommands commands;
    private final int partitions;
    private final Duration warmUp;
    private final TrackReplayFilter tracks = new TrackReplayFilter();
    private final Set<Integer> held = new TreeSet<>();
    private final Counter rebuilt;
    private volatile int holding;

    RulesSectors(RulesService rules, SectorCommands commands, Duration warmUp, int partitions, MeterRegistry meters) {
        this.rules = rules;
        this.partitions = partitions;
        this.commands = commands;
        this.warmUp = warmUp;
        this.rebuilt = meters.counter("shekara.rules.rebuilt");
        Gauge.builder("shekara.rules.partitions", this, r -> r.holding).register(meters);
        // A worker holds no sector until the group deals it partitions: what the rules would raise of no track
        // (a sector void, a sensor's silence) for a sector held by another worker is that worker's to raise.
        for (int p = 0; p < partitions; p++) {
            rules.giveUpSectors(sectorsOf(p));
        }
    }

    /**
     * Subscribes a node's rules (their own subscriptions left idle) to the cluster as a rules worker: the sector
     * inputs on {@code bus}, the units' task steps and control changes whole on the node's {@code roleBus}
     * ({@link #units}).
     */
    static List<Bus.Subscription> subscribe(KafkaBus bus, Bus roleBus, RulesService rules, SectorCommands commands,
                                            Duration warmUp, int partitions, MeterRegistry meters) {
        List<Bus.Subscription> subs = new ArrayList<>(units(roleBus, rules));
        subs.add(bus.subscribeSectors("rules", INPUTS, SECTOR_OUTPUTS, OTHER_OUTPUTS, warmUp,
                new RulesSectors(rules, commands, warmUp, partitions, meters)));
        return subs;
    }

    /**
     * The units' task steps and control changes, every one, for the rules' coverage of the sectors (a sector's last
     * available unit tasked elsewhere, or lent to another command, leaves it void), read from the topics' start in
     * a group of the node's own; a control change only when it takes effect by the record's rule
     * ({@link ControlOfRecord}: a transfer that lost to another of the same unit changes nothing), as every node
     * holds control.
     */
    static List<Bus.Subscription> units(Bus roleBus, RulesService rules) {
        ControlOfRecord record = new ControlOfRecord(rules.theatre());
        return List.of(roleBus.subscribe(Topic.TASKS, UNITS_GROUP, rules::take),
                roleBus.subscribe(Topic.UNIT_CONTROL, UNITS_GROUP, c -> {
                    boolean took;
                    synchronized (record) {
                        took = record.take(c);
                    }
                    if (took) {
                        rules.take(c);
                    }
                }));
    }

    @Override
    public void rebuild(int partition, List<DomainEvent> outputs, List<DomainEvent> inputs) {
        for (DomainEvent e : inputs) {
            if (e instanceof TrackUpdate u) {
                tracks.fresh(u); // handled by the previous owner: not to be taken again when a tracker resends it
            }
        }
        rules.rebuild(outputs, inputs, warmUp);
        rules.takeSectors(sectorsOf(partition));
        rebuilt.increment(outputs.size() + inputs.size());
        held(partition, true);
    }

    @Override
    public void accept(int partition, DomainEvent event) {
        if (event instanceof TrackUpdate u && !tracks.fresh(u)) {
            return;
        }
        if (event instanceof OperatorCommand c) {
            commands.obey(c); // an operator's command sent from a node that shows the desk (SectorCommands)
            return;
        }
        rules.take(event);
    }

    @Override
    public void handedOn() {
        rules.handedOn();
    }

    @Override
    public void revoked(int partition) {
        held(partition, false);
        // Its alerts, incidents, tracks and sensors are another worker's now: they leave the desk, and the
        // wall-clock tick must not raise or change anything for them here.
        rules.giveUpSectors(sectorsOf(partition));
    }

    private void held(int partition, boolean now) {
        if (now) {
            held.add(partition);
        } else {
            held.remove(partition);
        }
        holding = held.size();
    }

    /** The sectors whose records go to {@code partition}, with null when the key of no sector does. */
    private List<String> sectorsOf(int partition) {
        List<String> sectors = new ArrayList<>(SectorPartitions.in(partition,
                rules.theatre().sectors().stream().map(kz.shekara.theatre.Sector::id).toList(), partitions));
        if (SectorPartitions.of(NO_SECTOR, partitions) == partition) {
            sectors.add(null);
        }
        return sectors;
    }
}
