package kz.shekara.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.ControlChange;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.TrackUpdate;

/**
 * JSON encoding of domain events for the event log: each registered {@link EventType} is written
 * as its record components in declaration order (times as ISO-8601 instants with full precision,
 * NaN as the string "NaN"), so the same event always gives the same bytes and decoding gives back
 * an equal record. Immutable and thread-safe.
 */
public final class EventCodec {
    private static final EventCodec STANDARD = new EventCodec(EventTypes.ALL);

    private final ObjectMapper mapper;
    private final Map<Class<?>, EventType<?>> byClass = new HashMap<>();
    private final Map<String, EventType<?>> byTag = new HashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new HashMap<>();
    private final Map<String, ObjectReader> readers = new HashMap<>();

    public EventCodec(List<EventType<?>> types) {
        mapper = AlertFactsJson.register(JsonMapper.builder())
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("shekara-instant").addDeserializer(Instant.class, new IsoInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Numbers are most of a detection's or a track update's JSON: this parser gives the same
                // doubles as Double.parseDouble (correctly rounded) at a fraction of its cost.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .addMixIn(TrackUpdate.class, TrackUpdateMixIn.class)
                .addMixIn(ControlChange.class, ControlChangeMixIn.class)
                .addMixIn(OperatorCommand.class, OperatorCommandMixIn.class)
                .build();
        for (EventType<?> t : types) {
            if (byTag.put(t.tag(), t) != null || byClass.put(t.type(), t) != null) {
                throw new IllegalArgumentException("event type registered twice: " + t.tag());
            }
            writers.put(t.type(), mapper.writerFor(t.type()));
            readers.put(t.tag(), mapper.readerFor(t.type()));
        }
    }

    /**
     * A single-model tracker's update (no motion model probabilities) is logged without the field, as
     * before there was one, so logs and their bytes stay as they were; a missing field reads as empty.
     */
    private abstract static class TrackUpdateMixIn {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<Double> modeProbabilities();
    }

    /**
     * A single-unit transfer (no crisis) is logged without the field, as before crises existed, and a change
     * that does not say whom it was made from (a crisis's, or a transfer logged before transfers said it) without
     * that one, so older logs and their bytes stay as they were; a missing field reads as null.
     */
    private abstract static class ControlChangeMixIn {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String from();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String crisis();
    }

    /**
     * A command logged before commands had ids and postures is logged without the fields, so older logs and
     * their bytes stay as they were; a missing field reads as null.
     */
    private abstract static class OperatorCommandMixIn {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String id();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract kz.shekara.theatre.Posture posture();
    }

    /** The codec over {@link EventTypes#ALL}. */
    public static EventCodec standard() {
        return STANDARD;
    }

    /** The registered type of an event; IllegalArgumentException when its class is not registered. */
    public EventType<?> typeOf(DomainEvent event) {
        EventType<?> t = byClass.get(event.getClass());
        if (t == null) {
            throw new IllegalArgumentException("event type not registered in EventTypes: " + event.getClass().getName());
        }
        return t;
    }

    /** The event as one line of JSON (no type tag: the tag is stored beside it). */
    public String encode(DomainEvent event) {
        typeOf(event);
        try {
            return writers.get(event.getClass()).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The event as {@link #encode} writes it, as UTF-8 bytes: written as bytes directly (no string
     * made and encoded again), so the log's writer copies them into its rows as they are. Jackson's
     * byte output differs from its text output only for characters outside the Basic Multilingual
     * Plane (and lone surrogates), which it escapes (backslash, u, D and three hex digits); an event
     * with such an escape is encoded as text instead, so the bytes are always those of {@link #encode}.
     */
    public byte[] encodeUtf8(DomainEvent event) {
        typeOf(event);
        byte[] json;
        try {
            json = writers.get(event.getClass()).writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        for (int i = 0; i + 2 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && (json[i + 2] == 'D' || json[i + 2] == 'd')) {
                return encode(event).getBytes(StandardCharsets.UTF_8); // a surrogate (or a text "\\uD"): rare
            }
        }
        return json;
    }

    /** Decodes a payload written by {@link #encode} under its type tag. */
    public DomainEvent decode(String tag, String json) {
        ObjectReader reader = readers.get(tag);
        if (reader == null) {
            throw new IllegalArgumentException("unknown event type tag: " + tag);
        }
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + tag + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes a payload written by {@link #encode} given as UTF-8 bytes (as read from the store: no string made). */
    public DomainEvent decode(String tag, byte[] json) {
        ObjectReader reader = readers.get(tag);
        if (reader == null) {
            throw new IllegalArgumentException("unknown event type tag: " + tag);
        }
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + tag + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shared mapper configuration, for views that serialize their snapshots as JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }
}
