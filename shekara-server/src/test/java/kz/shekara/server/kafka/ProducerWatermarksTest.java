package kz.shekara.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ProducerWatermarks}: a partition's watermark is the least over its live producers. */
class ProducerWatermarksTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aPartitionsWatermarkIsTheLeastOverItsProducersAndMovesOnlyForward() {
        ProducerWatermarks w = new ProducerWatermarks(Duration.ofSeconds(30));
        assertThat(w.take(0, "a", at(10))).isEqualTo(at(10));
        assertThat(w.take(0, "b", at(8))).as("b promises less: the partition waits for it, but never moves back").isNull();
        assertThat(w.take(0, "a", at(12))).as("a moves on, b still at 8").isNull();
        assertThat(w.take(0, "b", at(11))).isEqualTo(at(11));
        assertThat(w.take(0, "b", at(13))).isEqualTo(at(12));
        assertThat(w.take(1, "b", at(13))).as("each partition its own").isEqualTo(at(13));
    }

    @Test
    void aProducerTrailingByMoreThanTheSpanIsTakenAsGoneUntilItCatchesUp() {
        ProducerWatermarks w = new ProducerWatermarks(Duration.ofSeconds(30));
        w.take(0, "a", at(10));
        w.take(0, "b", at(10));
        assertThat(w.take(0, "a", at(40))).as("b 30 s behind: still waited for").isNull();
        assertThat(w.take(0, "a", at(41))).as("b more than 30 s behind: gone").isEqualTo(at(41));
        assertThat(w.take(0, "b", at(20))).as("b back within the span: waited for again, nothing moves back").isNull();
        assertThat(w.take(0, "a", at(50))).as("b holds the partition at 41").isNull();
        assertThat(w.take(0, "b", at(45))).isEqualTo(at(45));
        w.forget(0);
        assertThat(w.take(0, "b", at(5))).as("a partition read again from its start").isEqualTo(at(5));
    }
}
