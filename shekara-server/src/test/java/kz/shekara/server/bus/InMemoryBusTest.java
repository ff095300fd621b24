package kz.shekara.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import org.junit.jupiter.api.Test;

class InMemoryBusTest {
    private static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of());
    private static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");

    private static Detection det(int i, String sensor) {
        return new Detection(T0.plusSeconds(i), sensor, SensorKind.RADAR, 41.5, 69.2, 25, M);
    }

    private static UnitPosition pos(int i, String unit) {
        return new UnitPosition(T0.plusSeconds(i), unit, unit, "a-f-G-U-C", 41.5 + i * 1e-4, 69.2, 0, 0,
                UnitStatus.AVAILABLE, M);
    }

    @Test
    void keepsOrderPerKeyAndLosesNothingUnderBackPressure() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(3, 8)) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            bus.subscribe(Topic.OBSERVATIONS, "test", seen::add);
            for (int i = 0; i < 2_000; i++) {
                bus.publish(Topic.OBSERVATIONS, "sector-" + (i % 5), det(i, "radar-" + (i % 5)));
            }
            bus.drain();
            assertThat(seen).hasSize(2_000);
            for (int k = 0; k < 5; k++) {
                String sensor = "radar-" + k;
                List<Instant> times = seen.stream().filter(d -> d.sensor().equals(sensor)).map(Detection::time).toList();
                assertThat(times).hasSize(400).isSorted();
            }
        }
    }

    @Test
    void newerPositionReplacesQueuedOlderOfSameUnit() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(1, 1_000)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<UnitPosition> seen = Collections.synchronizedList(new ArrayList<>());
            Bus.Subscription sub = bus.subscribe(Topic.UNIT_POSITIONS, "slow", p -> {
                if (p.unit().equals("GATE")) {
                    blocked.countDown();
                    await(release);
                }
                seen.add(p);
            });
            bus.publish(Topic.UNIT_POSITIONS, "s", pos(0, "GATE"));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 50; i++) {
                bus.publish(Topic.UNIT_POSITIONS, "s", pos(i, "HELI-1"));
                bus.publish(Topic.UNIT_POSITIONS, "s", pos(i, "BOAT-1"));
            }
            release.countDown();
            bus.drain();
            assertThat(seen).extracting(UnitPosition::unit).containsExactly("GATE", "HELI-1", "BOAT-1");
            assertThat(seen.get(1).time()).isEqualTo(T0.plusSeconds(50));
            assertThat(seen.get(2).time()).isEqualTo(T0.plusSeconds(50));
            assertThat(sub.superseded()).isEqualTo(98);
        }
    }

    @Test
    void detectionsAreNeverSuperseded() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(1, 1_000)) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            Bus.Subscription sub = bus.subscribe(Topic.OBSERVATIONS, "all", seen::add);
            for (int i = 0; i < 100; i++) {
                bus.publish(Topic.OBSERVATIONS, "s", det(i, "radar-1"));
            }
            bus.drain();
            assertThat(seen).hasSize(100);
            assertThat(sub.superseded()).isZero();
        }
    }

    @Test
    void failingHandlerIsCountedAndDeliveryGoesOn() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(2, 16)) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            Bus.Subscription sub = bus.subscribe(Topic.OBSERVATIONS, "flaky", d -> {
                if (d.time().getEpochSecond() % 2 == 0) {
                    throw new IllegalStateException("boom");
                }
                seen.add(d);
            });
            for (int i = 0; i < 10; i++) {
                bus.publish(Topic.OBSERVATIONS, "k", det(i, "radar-1"));
            }
            bus.drain();
            assertThat(sub.failures()).isEqualTo(5);
            assertThat(seen).hasSize(5);
        }
    }

    @Test
    void everySubscriberGetsEveryEvent() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(2, 4)) {
            List<Detection> a = Collections.synchronizedList(new ArrayList<>());
            List<Detection> b = Collections.synchronizedList(new ArrayList<>());
            bus.subscribe(Topic.OBSERVATIONS, "a", a::add);
            bus.subscribe(Topic.OBSERVATIONS, "b", b::add);
            for (int i = 0; i < 300; i++) {
                bus.publish(Topic.OBSERVATIONS, "k" + (i % 7), det(i, "r"));
            }
            bus.drain();
            assertThat(a).hasSize(300);
            assertThat(b).hasSize(300);
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
