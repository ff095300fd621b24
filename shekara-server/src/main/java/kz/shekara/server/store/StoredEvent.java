package kz.shekara.server.store;

import java.util.Objects;
import kz.shekara.model.DomainEvent;

/**
 * An event read back from the log: its sequence number (monotonic, assigned when it was appended),
 * the topic and partition key it was published under, and the event itself (which carries its event
 * time and marking). Immutable.
 */
public record StoredEvent(long seq, String topic, String key, DomainEvent event) {
    public StoredEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
    }
}
