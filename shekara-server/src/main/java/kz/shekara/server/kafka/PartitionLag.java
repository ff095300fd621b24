package kz.shekara.server.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Consumer lag as a subscription reports it, measured from the consumer's last fetch (no call to the cluster). */
final class PartitionLag {
    private PartitionLag() {
    }

    /**
     * Per partition the consumer holds, records not yet handled: the partition's end as of the last fetch
     * less {@code next}, the next offset to handle; a partition not fetched or not handled yet is left out.
     * Called on the consumer's own thread.
     */
    static Map<TopicPartition, Long> of(Consumer<?, ?> consumer, Map<TopicPartition, Long> next) {
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong fetched = consumer.currentLag(tp);
            Long at = next.get(tp);
            if (fetched.isPresent() && at != null) {
                now.put(tp, Math.max(0, consumer.position(tp) + fetched.getAsLong() - at));
            }
        }
        return Map.copyOf(now);
    }
}
