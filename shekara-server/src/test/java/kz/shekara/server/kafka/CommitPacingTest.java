package kz.shekara.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommitPacingTest {
    @Test
    void commitsOnceEnoughRecordsAreHandled() {
        CommitPacing pacing = new CommitPacing(Duration.ofMinutes(1), 1_000);
        assertThat(pacing.due(400)).isFalse();
        assertThat(pacing.due(400)).isFalse();
        assertThat(pacing.due(400)).isTrue();
        // The count starts again after a commit.
        assertThat(pacing.due(999)).isFalse();
        assertThat(pacing.due(1)).isTrue();
    }

    @Test
    void commitsAtOnceWhenAPollComesBackEmpty() {
        CommitPacing pacing = new CommitPacing(Duration.ofMinutes(1), 1_000);
        assertThat(pacing.due(10)).isFalse();
        assertThat(pacing.due(0)).isTrue();
    }

    @Test
    void aZeroIntervalCommitsAfterEveryPoll() {
        CommitPacing pacing = new CommitPacing(Duration.ZERO, 1_000_000);
        assertThat(pacing.due(1)).isTrue();
        assertThat(pacing.due(1)).isTrue();
    }

    @Test
    void badBatchingIsRefusedWithTheKeyNamed() {
        KafkaBusConfig.Batching d = KafkaBusConfig.Batching.defaults();
        assertThatThrownBy(() -> new KafkaBusConfig.Batching(Duration.ofMinutes(2), 1, d.linger(), d.batchBytes(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitInterval");
        assertThatThrownBy(() -> new KafkaBusConfig.Batching(d.commitInterval(), 1, d.linger(), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchBytes");
        assertThatThrownBy(() -> new KafkaBusConfig.Batching(d.commitInterval(), 0, d.linger(), d.batchBytes(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitRecords");
    }
}
