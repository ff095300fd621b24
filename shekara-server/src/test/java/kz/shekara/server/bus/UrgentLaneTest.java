package kz.shekara.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Alarm detections never wait behind plots: they pass full queues and overtake, or keep order when asked. */
class UrgentLaneTest {
    private static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of());
    private static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");

    private static Detection det(int i, String sensor, SensorKind kind) {
        return new Detection(T0.plusSeconds(i), sensor, kind, 41.5, 69.2, 25, M);
    }

    /** A handler that holds its first event until released, then records everything. */
    private record Stuck(CountDownLatch holding, CountDownLatch release, List<Detection> seen)
            implements Consumer<Detection> {
        Stuck() {
            this(new CountDownLatch(1), new CountDownLatch(1), Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public void accept(Detection d) {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(d);
        }
    }

    @Test
    void anInOrderSubscriptionSeesPublishOrderAcrossKeys() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(4, 2)) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            bus.subscribeInOrder(Topic.OBSERVATIONS, "tracker-like", seen::add);
            List<Detection> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Detection d = det(i, "radar-" + (i % 7), i % 50 == 0 ? SensorKind.UGS : SensorKind.RADAR);
                sent.add(d);
                bus.publish(Topic.OBSERVATIONS, "sector-" + (i % 7), d);
            }
            bus.drain();
            assertThat(seen).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void onlyAlarmDetectionsAreUrgent() {
        assertThat(Topic.OBSERVATIONS.urgent(det(0, "fence-1", SensorKind.FENCE))).isTrue();
        assertThat(Topic.OBSERVATIONS.urgent(det(0, "ugs-1", SensorKind.UGS))).isTrue();
        assertThat(Topic.OBSERVATIONS.urgent(det(0, "radar-1", SensorKind.RADAR))).isFalse();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a publisher that waits for room would hang here
    void anAlarmPassesFullQueuesWithoutWaitingAndOvertakesExceptWhereOrderWasAsked() throws InterruptedException {
        try (InMemoryBus bus = new InMemoryBus(1, 3)) {
            Stuck ordinary = new Stuck();
            Stuck inOrder = new Stuck();
            bus.subscribe(Topic.OBSERVATIONS, "rules-like", ordinary);
            bus.subscribeInOrder(Topic.OBSERVATIONS, "tracker-like", inOrder);
            bus.publish(Topic.OBSERVATIONS, "S1", det(0, "radar-1", SensorKind.RADAR));
            ordinary.holding().await();
            inOrder.holding().await();
            for (int i = 1; i <= 3; i++) {
                bus.publish(Topic.OBSERVATIONS, "S1", det(i, "radar-1", SensorKind.RADAR));
            }
            Detection alarm = det(4, "fence-1", SensorKind.FENCE);
            bus.publish(Topic.OBSERVATIONS, "S1", alarm);
            assertThat(bus.subscriptions()).extracting(Bus.Subscription::queueDepth).containsOnly(4);
            ordinary.release().countDown();
            inOrder.release().countDown();
            bus.drain();
            assertThat(ordinary.seen()).extracting(Detection::sensor)
                    .containsExactly("radar-1", "fence-1", "radar-1", "radar-1", "radar-1");
            assertThat(inOrder.seen()).extracting(Detection::sensor)
                    .containsExactly("radar-1", "radar-1", "radar-1", "radar-1", "fence-1");
        }
    }
}
