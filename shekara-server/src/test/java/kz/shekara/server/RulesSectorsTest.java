package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import kz.shekara.model.Alert;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;

/**
 * A rules worker that gives a partition up stops watching the sensors of its sectors: the rules' wall-clock
 * tick, moving event time on while nothing arrives, calls the sensors of the sectors it still holds silent and
 * never those of the sectors another worker holds now.
 */
class RulesSectorsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PARTITIONS = 2;

    /** A wall clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A rules worker of {@code PARTITIONS} on an in-memory bus, the alerts it raises gathered. */
    private static final class Node implements AutoCloseable {
        final Theatre theatre = TheatreLoader.loadDefault();
        final MovingClock clock = new MovingClock();
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final List<Alert> raised = new CopyOnWriteArrayList<>();
        final InMemoryBus bus = new InMemoryBus();
        final RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, meters, clock);
        final RulesSectors worker = new RulesSectors(rules, new SectorCommands(rules, bus, meters), Duration.ofMinutes(15),
                PARTITIONS, meters);

        Node() throws Exception {
            bus.subscribe(Topic.ALERTS, "test", raised::add);
        }

        @Override
        public void close() {
            rules.close();
            bus.close();
        }
    }

    @Test
    void aGivenUpPartitionsSensorsAreNotCalledSilent() throws Exception {
        try (Node node = new Node()) {
            node.worker.rebuild(0, List.of(), List.of());
            node.worker.rebuild(1, List.of(), List.of());
            List<Sensor> watched = node.theatre.sensors().stream()
                    .filter(s -> s.period().compareTo(Duration.ZERO) > 0 && s.sector() != null).toList();
            for (Sensor s : watched) {
                node.worker.accept(SectorPartitions.of(s.sector(), PARTITIONS),
                        new SensorHeartbeat(T0, s.id(), node.theatre.defaultMarking()));
            }
            Set<String> kept = sectorsOf(watched, 0);
            Set<String> given = sectorsOf(watched, 1);
            assertThat(kept).as("sectors of the partition kept").isNotEmpty();
            assertThat(given).as("sectors of the partition given up").isNotEmpty();

            node.worker.revoked(1);
            node.clock.now = T0.plus(Duration.ofHours(1));
            node.rules.tick();
            node.bus.drain();

            Set<String> silent = node.raised.stream().filter(a -> a.rule() == RuleKind.SENSOR_SILENT).map(Alert::sector)
                    .collect(Collectors.toSet());
            assertThat(silent).as("sectors with a silent sensor called").isNotEmpty().isSubsetOf(kept)
                    .doesNotContainAnyElementsOf(given);
        }
    }

    @Test
    void sectorsNeverHeldAreNotCalledVoid() throws Exception {
        try (Node node = new Node()) {
            node.worker.rebuild(0, List.of(), List.of()); // partition 1 is another worker's from the start
            Zone home = node.theatre.zones(ZoneKind.SECTOR).stream()
                    .filter(z -> SectorPartitions.of(z.sector(), PARTITIONS) == 0).findFirst().orElseThrow();
            org.locationtech.jts.geom.Point at = home.geometry().getInteriorPoint();
            // Units report in the sectors held only: the other worker hears those of its own.
            node.worker.accept(0, new UnitPosition(T0, "GP-1", "Shekara 11", "a-f-G-U-C", at.getY(), at.getX(), 0, 0,
                    UnitStatus.AVAILABLE, node.theatre.defaultMarking()));
            node.rules.tick();
            node.clock.now = T0.plus(Duration.ofMinutes(11)); // past the sector-void rule's start-up grace
            node.rules.tick();
            node.bus.drain();

            Set<String> held = node.theatre.zones(ZoneKind.SECTOR).stream().map(Zone::sector)
                    .filter(s -> SectorPartitions.of(s, PARTITIONS) == 0).collect(Collectors.toSet());
            Set<String> voids = node.raised.stream().filter(a -> a.rule() == RuleKind.SECTOR_VOID).map(Alert::sector)
                    .collect(Collectors.toSet());
            assertThat(voids).as("sectors called void").isNotEmpty().isSubsetOf(held);
        }
    }

    @Test
    void aUnitTaskedOrLentThroughAnotherWorkersPartitionLeavesItsOwnSectorVoid() throws Exception {
        try (Node node = new Node()) {
            RulesSectors.units(node.bus, node.rules); // task steps and control changes read whole
            node.worker.rebuild(0, List.of(), List.of()); // partition 1 is another worker's
            Zone home = node.theatre.zones(ZoneKind.SECTOR).stream()
                    .filter(z -> SectorPartitions.of(z.sector(), PARTITIONS) == 0).findFirst().orElseThrow();
            kz.shekara.theatre.Unit unit = node.theatre.units().stream().filter(u -> u.command() != null)
                    .findFirst().orElseThrow();
            String elsewhere = node.theatre.sectors().stream().map(kz.shekara.theatre.Sector::id)
                    .filter(s -> SectorPartitions.of(s, PARTITIONS) == 1).findFirst().orElseThrow();
            org.locationtech.jts.geom.Point at = home.geometry().getInteriorPoint();
            node.worker.accept(0, new UnitPosition(T0, unit.id(), unit.callsign(), "a-f-G-U-C", at.getY(), at.getX(),
                    0, 0, UnitStatus.AVAILABLE, node.theatre.defaultMarking()));
            node.rules.tick();
            node.clock.now = T0.plus(Duration.ofMinutes(11)); // past the sector-void rule's start-up grace
            node.rules.tick();
            node.bus.drain();
            assertThat(voids(node)).as("sectors called void with the unit available at home")
                    .doesNotContain(home.sector());

            // A transfer that lost to another of the same unit (made from a holder the record no longer has)
            // changes nothing; the one that took effect lends the unit away. Keyed by the unit, as published.
            String other = node.theatre.commands().stream().map(kz.shekara.theatre.Command::id)
                    .filter(c -> !c.equals(unit.command())).findFirst().orElseThrow();
            kz.shekara.model.ControlChange lent = new kz.shekara.model.ControlChange(T0.plus(Duration.ofMinutes(12)),
                    unit.id(), other, unit.command(), "cmdr", "exercise", null, node.theatre.defaultMarking());
            kz.shekara.model.ControlChange lost = new kz.shekara.model.ControlChange(T0.plus(Duration.ofMinutes(12)),
                    unit.id(), other, "another-command", "cmdr", "exercise", null,
                    node.theatre.defaultMarking());
            node.bus.publish(Topic.UNIT_CONTROL, unit.id(), lost);
            node.bus.drain();
            assertThat(voids(node)).as("after a transfer that did not take effect").doesNotContain(home.sector());
            node.bus.publish(Topic.UNIT_CONTROL, unit.id(), lent);
            node.bus.drain();
            assertThat(voids(node)).as("after the unit was lent away").contains(home.sector());

            // Handed back, then tasked to an incident of a sector of the other worker's partition (keyed so).
            node.raised.clear();
            node.bus.publish(Topic.UNIT_CONTROL, unit.id(), new kz.shekara.model.ControlChange(
                    T0.plus(Duration.ofMinutes(13)), unit.id(), unit.command(), other, "cmdr", "back", null,
                    node.theatre.defaultMarking()));
            node.bus.drain();
            assertThat(voids(node)).as("with the unit back").doesNotContain(home.sector());
            node.bus.publish(Topic.TASKS, elsewhere, new kz.shekara.model.Task(T0.plus(Duration.ofMinutes(20)),
                    "IN-1." + unit.id(), "IN-1", unit.id(), kz.shekara.model.TaskStatus.DISPATCHED, null, at.getY(),
                    at.getX(), 600, "duty", "", node.theatre.defaultMarking()));
            node.bus.drain();
            assertThat(voids(node)).as("after the unit was tasked to another worker's sector").contains(home.sector());
        }
    }

    private static Set<String> voids(Node node) {
        return node.raised.stream().filter(a -> a.rule() == RuleKind.SECTOR_VOID).map(Alert::sector)
                .collect(Collectors.toSet());
    }

    private static Set<String> sectorsOf(List<Sensor> sensors, int partition) {
        return sensors.stream().map(Sensor::sector).filter(s -> SectorPartitions.of(s, PARTITIONS) == partition)
                .collect(Collectors.toSet());
    }
}
