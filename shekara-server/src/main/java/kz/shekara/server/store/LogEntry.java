package kz.shekara.server.store;

import java.util.Objects;
import kz.shekara.model.DomainEvent;

/**
 * An event to append to the log, with the topic and partition key it is published under. The JSON
 * payload is encoded (to UTF-8 bytes) when the entry is made, on the publishing thread, so the single
 * log writer does no encoding; an event that arrives encoded already (a Kafka record's value) keeps its
 * bytes ({@link #encoded}). Immutable and thread-safe. (A class rather than a record: it carries that
 * derived, cached encoding.)
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
        this(topic, key, event, null);
    }

    private LogEntry(String topic, String key, DomainEvent event, byte[] payloadUtf8) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = key;
        this.event = Objects.requireNonNull(event, "event");
        EventCodec codec = EventCodec.standard();
        this.type = codec.typeOf(event);
        this.entity = type.entityOf(event);
        this.payload = payloadUtf8 != null ? payloadUtf8 : codec.encodeUtf8(event);
    }

    /**
     * An entry for an event given with its JSON as {@link EventCodec#encodeUtf8} writes it (the value of a
     * Kafka record, which {@code event} was decoded from): the bytes are stored as they are, not encoded
     * again. The entry takes the array: it must not be modified afterwards.
     */
    public static LogEntry encoded(String topic, String key, DomainEvent event, byte[] payloadUtf8) {
        return new LogEntry(topic, key, event, Objects.requireNonNull(payloadUtf8, "payloadUtf8"));
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
}
