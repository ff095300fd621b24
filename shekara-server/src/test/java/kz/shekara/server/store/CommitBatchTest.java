package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CommitBatch}: which lane's requests a commit takes, and when a commit holding an alarm waits
 * for the alert answering it. The answer is what the rules publish asynchronously; the tracker's
 * synchronous track updates, queued in between all the time under load, must not end the wait (they
 * did, and the alert then went in a commit of its own, one more sync in the alarm's path).
 */
class CommitBatchTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static List<LogEntry> one(int i) {
        return List.of(new LogEntry("unit-positions", "S1", EventFixtures.position(i, 10, T0, 1)));
    }

    private static CommitRequest urgent(int i) {
        return new CommitRequest(one(i), () -> {
        }, false, true);
    }

    private static CommitRequest synchronous(int i) {
        return new CommitRequest(one(i), null, false, false);
    }

    private static CommitRequest asynchronous(int i) {
        return new CommitRequest(one(i), () -> {
        }, false, false);
    }

    private static CommitRequest bulk(int i) {
        return new CommitRequest(one(i), () -> {
        }, true, false);
    }

    @Test
    void anUrgentRequestAwaitsItsAnswerPastSynchronousFrontRequests() {
        CommitBatch batch = new CommitBatch();
        batch.add(urgent(1));
        assertThat(batch.awaitsAnswer()).isTrue();
        batch.add(synchronous(2));
        assertThat(batch.awaitsAnswer()).as("a track update is no answer to the alarm").isTrue();
        batch.add(bulk(3));
        assertThat(batch.awaitsAnswer()).isTrue();
        batch.add(asynchronous(4));
        assertThat(batch.awaitsAnswer()).as("the rules' alert answers it").isFalse();
        batch.add(urgent(5));
        assertThat(batch.awaitsAnswer()).as("a second alarm awaits its own answer").isTrue();
        batch.clear();
        assertThat(batch.awaitsAnswer()).isFalse();
    }

    @Test
    void aBatchWithoutAnUrgentRequestAwaitsNothing() {
        CommitBatch batch = new CommitBatch();
        batch.add(synchronous(1));
        batch.add(asynchronous(2));
        batch.add(bulk(3));
        assertThat(batch.awaitsAnswer()).isFalse();
    }

    @Test
    void takesTheFrontLaneFirstAndBulkOnlyOnceTheFrontLaneIsEmpty() {
        ArrayDeque<CommitRequest> front = new ArrayDeque<>();
        ArrayDeque<CommitRequest> bulkLane = new ArrayDeque<>();
        CommitRequest b1 = bulk(1);
        CommitRequest f1 = urgent(2);
        CommitRequest f2 = synchronous(3);
        bulkLane.add(b1);
        front.add(f1);
        front.add(f2);
        CommitBatch batch = new CommitBatch();
        assertThat(batch.fill(front, bulkLane, Integer.MAX_VALUE, 1_000)).isEqualTo(3);
        assertThat(batch.ordered()).containsExactly(f1, f2, b1);
        assertThat(batch.awaitsAnswer()).isTrue();
    }
}
