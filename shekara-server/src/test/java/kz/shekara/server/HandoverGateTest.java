package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rule by which a tracker worker holds a detection until the hand-overs it may need are in. */
class HandoverGateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void holdsADetectionUntilEverySourceMarkIsWithinTheLag() {
        HandoverGate gate = new HandoverGate(Duration.ofSeconds(2), Duration.ofMinutes(1));
        gate.held(0, true);
        assertThat(gate.open(0, T0.plusSeconds(100))).as("no source has sent a mark yet").isTrue();
        gate.mark(0, 1, T0.plusSeconds(10));
        gate.mark(0, 2, T0.plusSeconds(20));
        assertThat(gate.open(0, T0.plusSeconds(12))).isTrue();
        assertThat(gate.open(0, T0.plusSeconds(13))).as("source 1 at 10 s, lag 2 s").isFalse();
        gate.mark(0, 1, T0.plusSeconds(11));
        assertThat(gate.open(0, T0.plusSeconds(13))).isTrue();
        gate.mark(0, 1, T0.plusSeconds(5));
        assertThat(gate.open(0, T0.plusSeconds(13))).as("an older mark does not move it back").isTrue();
        gate.mark(0, 0, T0);
        assertThat(gate.open(0, T0.plusSeconds(13))).as("its own partition is not waited for").isTrue();
    }

    @Test
    void aWaitEndsWhenTheMarkComes() throws Exception {
        HandoverGate gate = new HandoverGate(Duration.ofSeconds(2), Duration.ofMinutes(1));
        gate.held(0, true);
        gate.mark(0, 1, T0);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                gate.await(0, T0.plusSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        gate.mark(0, 1, T0.plusSeconds(28));
        waiting.get(30, TimeUnit.SECONDS);
        assertThat(gate.givenUp()).isZero();
    }

    @Test
    void stopsWaitingForASilentSourceUntilItsMarkMovesAndForAHandOverPartitionNotHeld() throws Exception {
        HandoverGate gate = new HandoverGate(Duration.ofSeconds(2), Duration.ofMillis(100));
        gate.await(0, T0.plusSeconds(5));
        assertThat(gate.givenUp()).as("the hand-over partition was not held").isEqualTo(1);
        gate.held(0, true);
        gate.mark(0, 1, T0);
        gate.await(0, T0.plusSeconds(5));
        assertThat(gate.givenUp()).as("source 1 stood still").isEqualTo(2);
        assertThat(gate.open(0, T0.plusSeconds(50))).as("not waited for while silent").isTrue();
        gate.mark(0, 1, T0.plusSeconds(1));
        assertThat(gate.open(0, T0.plusSeconds(50))).as("waited for again once it moves").isFalse();
        gate.held(0, false);
        assertThat(gate.open(0, T0)).as("a hand-over partition given up").isFalse();
    }

    @Test
    void admitHoldsAPartitionWithoutBlockingAndGivesUpASourceSilentForThePatience() {
        long[] now = {0};
        HandoverGate gate = new HandoverGate(Duration.ofSeconds(2), Duration.ofSeconds(5), () -> now[0]);
        gate.held(0, true);
        gate.mark(0, 1, T0);
        long seen = gate.changes();
        assertThat(gate.admit(0, T0.plusSeconds(5))).as("source 1 at 0 s, lag 2 s").isFalse();
        gate.mark(0, 1, T0.plusSeconds(3));
        assertThat(gate.changes()).as("a mark that moves is a change to wake on").isNotEqualTo(seen);
        assertThat(gate.admit(0, T0.plusSeconds(5))).isTrue();
        assertThat(gate.admit(0, T0.plusSeconds(9))).isFalse();
        now[0] += Duration.ofSeconds(4).toNanos();
        assertThat(gate.admit(0, T0.plusSeconds(9))).as("within the patience").isFalse();
        now[0] += Duration.ofSeconds(2).toNanos();
        assertThat(gate.admit(0, T0.plusSeconds(9))).as("source 1 stood still for the patience").isTrue();
        assertThat(gate.givenUp()).isEqualTo(1);
        gate.mark(0, 1, T0.plusSeconds(4));
        assertThat(gate.admit(0, T0.plusSeconds(9))).as("waited for again once it moves").isFalse();
        assertThat(gate.givenUp()).isEqualTo(1);
    }
}
