package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** What a subscription running its consumer on a thread of its own needs at the end and for a drain. Stateless. */
final class ConsumerThreads {
    /** How long a closing subscription waits for its thread's last commit. */
    static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private ConsumerThreads() {
    }

    /** Wakes the consumer's poll and, unless called from that thread, waits for the thread to end. */
    static void stop(Consumer<?, ?> consumer, Thread thread) {
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every partition of {@code next} (the offset of the next record to handle) has reached {@code ends}. */
    static boolean reached(Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
        return next.entrySet().stream().allMatch(e -> e.getValue() >= ends.getOrDefault(e.getKey(), 0L));
    }
}
