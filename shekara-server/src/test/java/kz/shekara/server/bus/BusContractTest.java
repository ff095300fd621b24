package kz.shekara.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Bus} must do, run against each implementation: per-key order with nothing lost
 * under back pressure, every subscriber group gets every event, a failing handler is counted and
 * delivery goes on, detections are never superseded.
 */
public abstract class BusContractTest {
    protected static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of());
    protected static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");

    /** A new, empty bus; {@code partitions} and {@code capacity} as far as the implementation has them. */
    protected abstract Bus newBus(int partitions, int capacity);

    protected static Detection det(int i, String sensor) {
        return new Detection(T0.plusSeconds(i), sensor, SensorKind.RADAR, 41.5, 69.2, 25, M);
    }

    @Test
    void keepsOrderPerKeyAndLosesNothingUnderBackPressure() throws InterruptedException {
        try (Bus bus = newBus(3, 8)) {
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
    void detectionsAreNeverSuperseded() throws InterruptedException {
        try (Bus bus = newBus(1, 1_000)) {
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
        try (Bus bus = newBus(2, 16)) {
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
        try (Bus bus = newBus(2, 4)) {
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

    @Test
    protected void inOrderSubscriberSeesEventTimeOrderAcrossKeys() throws InterruptedException {
        try (Bus bus = newBus(3, 16)) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            bus.subscribeInOrder(Topic.OBSERVATIONS, "serial", seen::add);
            for (int i = 0; i < 600; i++) {
                bus.publish(Topic.OBSERVATIONS, "sector-" + (i % 6), det(i, "radar-" + (i % 6)));
            }
            bus.drain();
            assertThat(seen).hasSize(600);
            assertThat(seen).extracting(Detection::time).isSorted();
        }
    }
}
