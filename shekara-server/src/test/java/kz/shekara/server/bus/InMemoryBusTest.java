package kz.shekara.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import org.junit.jupiter.api.Test;

class InMemoryBusTest extends BusContractTest {
    @Override
    protected Bus newBus(int partitions, int capacity) {
        return new InMemoryBus(partitions, capacity);
    }

    private static UnitPosition pos(int i, String unit) {
        return new UnitPosition(T0.plusSeconds(i), unit, unit, "a-f-G-U-C", 41.5 + i * 1e-4, 69.2, 0, 0,
                UnitStatus.AVAILABLE, M);
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

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
