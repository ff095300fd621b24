package kz.shekara.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request answered by its own record read back: answered, refused, late (forgotten or kept), never published. */
class ReadBackTest {
    private final Counter unanswered = new SimpleMeterRegistry().counter("unanswered");

    @Test
    void theReaderAnswersTheRequestItsRecordBelongsTo() throws Exception {
        ReadBack<String, Integer> back = new ReadBack<>(Duration.ofSeconds(10), unanswered, false);
        CountDownLatch published = new CountDownLatch(1);
        CompletableFuture<java.util.Optional<Integer>> request = CompletableFuture.supplyAsync(
                () -> back.await("r1", published::countDown));
        assertThat(published.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(back.isOwn("r1")).isTrue();
        assertThat(back.answer("other", 1)).as("a record nobody here waits for").isFalse();
        assertThat(back.answer("r1", 42)).isTrue();
        assertThat(request.get(10, TimeUnit.SECONDS)).contains(42);
        assertThat(back.isOwn("r1")).isFalse();
        assertThat(back.answer("r1", 43)).as("answered once").isFalse();
        assertThat(unanswered.count()).isZero();
    }

    @Test
    void aRefusalIsThrownToTheRequester() throws Exception {
        ReadBack<String, Integer> back = new ReadBack<>(Duration.ofSeconds(10), unanswered, false);
        CountDownLatch published = new CountDownLatch(1);
        CompletableFuture<java.util.Optional<Integer>> request = CompletableFuture.supplyAsync(
                () -> back.await("r1", published::countDown));
        assertThat(published.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(back.refuse("r1", new IllegalStateException("taken first elsewhere"))).isTrue();
        assertThatThrownBy(() -> request.join()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taken first elsewhere");
    }

    @Test
    void aLateAnswerIsCountedAndForgottenOrKeptAsThisNodesOwn() {
        ReadBack<String, Integer> forgets = new ReadBack<>(Duration.ofMillis(50), unanswered, false);
        assertThat(forgets.await("r1", () -> { })).isEmpty();
        assertThat(forgets.isOwn("r1")).isFalse();
        ReadBack<String, Integer> keeps = new ReadBack<>(Duration.ofMillis(50), unanswered, true);
        assertThat(keeps.await("r2", () -> { })).isEmpty();
        assertThat(keeps.isOwn("r2")).as("its reader carries the late record out as this node's").isTrue();
        assertThat(keeps.answer("r2", 7)).isTrue();
        assertThat(keeps.isOwn("r2")).isFalse();
        assertThat(unanswered.count()).isEqualTo(2);
    }

    @Test
    void aRecordThatCouldNotBePublishedIsNotWaitedFor() {
        ReadBack<String, Integer> back = new ReadBack<>(Duration.ofSeconds(10), unanswered, true);
        assertThatThrownBy(() -> back.await("r1", () -> {
            throw new IllegalStateException("broker away");
        })).hasMessage("broker away");
        assertThat(back.isOwn("r1")).isFalse();
        assertThat(unanswered.count()).isZero();
    }
}
