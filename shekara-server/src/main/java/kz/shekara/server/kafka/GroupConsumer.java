package kz.shekara.server.kafka;

import java.util.List;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@link ConsumerLoop} over one topic of events of type {@code E}: a consumer in the group
 * {@code groupPrefix + group + "." + topic}. Thread-safe: the consumer is touched by its own thread only.
 */
abstract class GroupConsumer<E extends DomainEvent> extends ConsumerLoop {
    final Topic<E> topic;

    GroupConsumer(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group, Runnable onClose) {
        super(config, group, group + "." + topic.name(), List.of(kafkaTopic), config.batching().pollRecords(), onClose);
        this.topic = topic;
    }

    /** The event a record carries, or null (counted as a failure, logged) when it is not one. */
    E decode(ConsumerRecord<String, byte[]> r) {
        try {
            return EventRecords.event(topic, r);
        } catch (IllegalArgumentException ex) {
            failed(ex);
            return null;
        }
    }
}
