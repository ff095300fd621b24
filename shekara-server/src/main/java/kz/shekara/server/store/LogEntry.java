package kz.shekara.server.store;

import java.util.Objects;
import kz.shekara.model.DomainEvent;

/**
 * An event to append to the log, with the topic and partition key it is published under. The JSON
 * payload is encoded (to UTF-8 bytes) when the entry is made, on the publishing thread, so the single
 * log writer does no encoding. Immutable and thread-safe. (A class rather than a record: it carries that derived,
 * cached encoding.)
 */
public final class LogEntry {
    private final String topic;
    private final String key;
    private final DomainEvent event;
    private final EventType<?> type;
    private final String entity;
    private final byte[] payload;

    /** @param key the partition key (border sector), may be null */
    public LogEntry(String topic, String key, DomainEvent event) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = key;
        this.event = Objects.requireNonNull(event, "event");
        EventCodec codec = EventCodec.standard();
        this.type = codec.typeOf(event);
        this.entity = type.entityOf(event);
        this.payload = codec.encodeUtf8(event);
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }

    public DomainEvent event() {
        return event;
    }

    String tag() {
        return type.tag();
    }

    String entity() {
        return entity;
    }

    /** The JSON payload, UTF-8; not to be modified. */
    byte[] payloadUtf8() {
        return payload;
    }

    long timeNs() {
        return TimeColumns.toNanos(event.time());
    }

    String releasable() {
        return String.join(",", event.marking().releasableTo());
    }
}
