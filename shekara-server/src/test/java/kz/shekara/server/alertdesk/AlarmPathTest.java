package kz.shekara.server.alertdesk;

import kz.shekara.server.config.RulesConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fence alarm gets its alert from the live rules while the tracker's queue is full and stuck. */
class AlarmPathTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // an alarm held behind the stuck queue would hang here
    void alarmIsAlertedWhileTheInOrderConsumerOfObservationsIsStuckWithAFullQueue() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Sensor fence = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.FENCE).findFirst().orElseThrow();
        Sensor radar = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR
                && s.sector().equals(fence.sector())).findFirst().orElseThrow();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch alerted = new CountDownLatch(1);
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (InMemoryBus bus = new InMemoryBus(1, 4)) {
            // Stands for the tracker under overload: it takes observations in key order and is stuck.
            Bus.Subscription stuck = bus.subscribeInOrder(Topic.OBSERVATIONS, "tracker", d -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            bus.subscribe(Topic.ALERTS, "test", a -> {
                alerts.add(a);
                alerted.countDown();
            });
            RulesService rules = new RulesService(RulesConfigLoader.forTheatre(null), bus, theatre,
                    new SimpleMeterRegistry(), Clock.fixed(T0, ZoneOffset.UTC));
            rules.start();
            try {
                for (int i = 0; i <= 4; i++) {
                    bus.publish(Topic.OBSERVATIONS, radar.sector(), new Detection(T0.plusMillis(100L * i), radar.id(),
                            SensorKind.RADAR, radar.lat(), radar.lon(), radar.sigmaM(), theatre.defaultMarking()));
                    if (i == 0) {
                        holding.await();
                    }
                }
                assertThat(stuck.queueDepth()).as("the stuck consumer's queue is full").isEqualTo(4);
                bus.publish(Topic.OBSERVATIONS, fence.sector(), new Detection(T0.plusSeconds(1), fence.id(),
                        SensorKind.FENCE, fence.lat(), fence.lon(), fence.sigmaM(), theatre.defaultMarking()));
                alerted.await();
                assertThat(stuck.queueDepth()).as("still stuck when the alert came").isEqualTo(5);
                assertThat(alerts).singleElement().satisfies(a -> {
                    assertThat(a.rule()).isEqualTo(RuleKind.SENSOR_ALARM);
                    assertThat(a.sensor()).isEqualTo(fence.id());
                    assertThat(a.time()).isEqualTo(T0.plusSeconds(1));
                });
            } finally {
                release.countDown();
                bus.drain();
                rules.close();
            }
        }
    }
}
