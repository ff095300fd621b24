package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LoggedBus} delivers an alarm detection while it is being stored, and the alert the rules raise
 * from it only once stored: never an alert delivered, or in the log, without its detection before it.
 */
class UrgentDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    @TempDir
    Path dir;
    private static Theatre theatre;

    @org.junit.jupiter.api.BeforeAll
    static void loadTheatre() throws Exception {
        theatre = TheatreLoader.loadDefault();
    }

    /** When an alert was delivered: the seq of its detection in the log (0 when not stored) and its own. */
    private record Seen(Alert alert, long detectionSeq, long alertSeq) {
    }

    private static long seqOf(EventLog log, Object event) {
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            return s.filter(e -> e.event().equals(event)).mapToLong(StoredEvent::seq).findFirst().orElse(0);
        }
    }

    private static Detection alarm(Sensor s, Instant t) {
        return new Detection(t, s.id(), s.kind(), s.lat(), s.lon(), s.sigmaM(), theatre.defaultMarking());
    }

    private static List<Sensor> alarmSensors() {
        return theatre.sensors().stream().filter(s -> s.kind().isAlarm()).toList();
    }

    @Test
    void everyAlertIsDeliveredAfterItsDetectionIsStoredAndStoredAfterIt() throws Exception {
        StoreConfig config = StoreConfig.defaults();
        InMemoryBus memory = new InMemoryBus();
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), config);
             LoggedBus bus = new LoggedBus(memory, log, config, new SimpleMeterRegistry(), List.of())) {
            bus.start();
            List<Detection> alarms = new CopyOnWriteArrayList<>();
            List<Seen> seen = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.ALERTS, "check", a -> seen.add(new Seen(a,
                    seqOf(log, alarms.stream().filter(d -> d.sensor().equals(a.sensor())).findFirst().orElseThrow()),
                    seqOf(log, a))));
            try (RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, new SimpleMeterRegistry(),
                    Clock.fixed(T0, ZoneOffset.UTC))) {
                rules.start();
                List<Sensor> sensors = alarmSensors().subList(0, 12);
                Sensor radar = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).findFirst()
                        .orElseThrow();
                Thread plots = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        List<Detection> chunk = new ArrayList<>();
                        for (int k = 0; k < 20; k++) {
                            chunk.add(new Detection(T0.plusMillis(10L * i), radar.id(), SensorKind.RADAR, radar.lat(),
                                    radar.lon(), radar.sigmaM(), theatre.defaultMarking()));
                        }
                        bus.publishAll(Topic.OBSERVATIONS, radar.sector(), chunk);
                    }
                });
                for (int i = 0; i < sensors.size(); i++) {
                    Detection d = alarm(sensors.get(i), T0.plusMillis(150L * i));
                    alarms.add(d);
                    bus.publish(Topic.OBSERVATIONS, sensors.get(i).sector(), d);
                    assertThat(seqOf(log, d)).as("stored when publish returns").isPositive();
                }
                plots.join();
                bus.drain();
            }
            assertThat(seen).filteredOn(s -> s.alert().rule() == RuleKind.SENSOR_ALARM).hasSize(12)
                    .allSatisfy(s -> {
                        assertThat(s.detectionSeq()).as("detection stored when %s was delivered", s.alert().id())
                                .isPositive();
                        assertThat(s.alertSeq()).as("the alert stored after its detection").isGreaterThan(s.detectionSeq());
                    });
        }
    }

    @Test
    void anAlarmTheStoreRefusesIsDeliveredKeptAndStoredBeforeTheAlertItRaised() throws Exception {
        StoreConfig config = StoreConfig.defaults().withSqliteMaxBytes(256 * 1024);
        InMemoryBus memory = new InMemoryBus();
        try (EventLog log = new SqliteEventLog(dir.resolve("small.db"), config);
             LoggedBus bus = new LoggedBus(memory, log, config, new SimpleMeterRegistry(), List.of())) {
            bus.start();
            int accepted = 0;
            for (boolean full = false; !full; ) {
                try {
                    bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(accepted, 2, T0, 1));
                    accepted++;
                } catch (StoreUnavailableException e) {
                    full = true;
                }
            }
            List<Detection> observed = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.OBSERVATIONS, "seen", observed::add);
            List<Seen> seen = new CopyOnWriteArrayList<>();
            Detection alarm = alarm(alarmSensors().get(0), T0.plus(Duration.ofDays(2)));
            bus.subscribe(Topic.ALERTS, "check", a -> seen.add(new Seen(a, seqOf(log, alarm), seqOf(log, a))));
            try (RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, new SimpleMeterRegistry(),
                    Clock.fixed(T0, ZoneOffset.UTC))) {
                rules.start();
                assertThatThrownBy(() -> bus.publish(Topic.OBSERVATIONS, "S1", alarm))
                        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("disk full");
                memory.drain(); // the rules have handled the alarm and handed over their alert
                assertThat(observed).as("delivered although not yet stored").containsExactly(alarm);
                assertThat(seqOf(log, alarm)).isZero();
                assertThat(seen).as("no alert delivered while its alarm is not stored").isEmpty();

                assertThat(log.downsample(Set.of("unit-positions"), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
                        .isPositive();
                bus.drain(); // the writer retries what it was handed over
            }
            assertThat(seen).singleElement().satisfies(s -> {
                assertThat(s.alert().rule()).isEqualTo(RuleKind.SENSOR_ALARM);
                assertThat(s.detectionSeq()).isPositive();
                assertThat(s.alertSeq()).isGreaterThan(s.detectionSeq());
            });
        }
    }
}
