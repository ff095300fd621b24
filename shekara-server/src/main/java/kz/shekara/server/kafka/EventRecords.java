package kz.shekara.server.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Domain events as Kafka records: the key is the partition key (the sector), the value the event's
 * JSON as the event log stores it ({@link EventCodec}), a {@value #TYPE_HEADER} header its type tag,
 * and the record's timestamp its event time (milliseconds; the JSON keeps full precision). A watermark
 * record ({@link #watermark}) is no event: a {@value #WATERMARK_HEADER} header and the time as ISO-8601,
 * read by the trackers' ordering only ({@link #watermarkOf}) and skipped by every other reader. Stateless.
 */
public final class EventRecords {
    /** The header that carries the event's type tag. */
    public static final String TYPE_HEADER = "shekara-type";
    /** The header of a watermark record. */
    public static final String WATERMARK_HEADER = "shekara-watermark";
    /** The header naming a live producer on its watermarks (none on a recording's: see {@link #watermark}). */
    public static final String PRODUCER_HEADER = "shekara-producer";

    private EventRecords() {
    }

    /** The record for an event on a Kafka topic. */
    public static ProducerRecord<String, byte[]> record(String kafkaTopic, String key, DomainEvent event) {
        EventCodec codec = EventCodec.standard();
        String tag = codec.typeOf(event).tag();
        RecordHeaders headers = new RecordHeaders();
        headers.add(TYPE_HEADER, tag.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(kafkaTopic, null, event.time().toEpochMilli(), key,
                codec.encodeUtf8(event), headers);
    }

    /**
     * A producer's watermark for one partition: every record it writes to {@code partition} from now on is of
     * event time {@code reached} or later. No key: it goes to the partition named.
     */
    public static ProducerRecord<String, byte[]> watermark(String kafkaTopic, int partition, Instant reached) {
        return watermark(kafkaTopic, partition, reached, null);
    }

    /**
     * A live producer's watermark: every record producer {@code producer} writes to {@code partition} from now on is
     * of event time {@code reached} or later; it says nothing of other producers' (a reader takes the least over
     * the producers it knows, see {@code ProducerWatermarks}). Null {@code producer}: a recording's, true of the
     * whole partition.
     */
    public static ProducerRecord<String, byte[]> watermark(String kafkaTopic, int partition, Instant reached,
                                                           String producer) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WATERMARK_HEADER, new byte[0]);
        if (producer != null) {
            headers.add(PRODUCER_HEADER, producer.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(kafkaTopic, partition, reached.toEpochMilli(), null,
                reached.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The time of a watermark record, or null when {@code r} is not one; IllegalArgumentException when it does not parse. */
    public static Instant watermarkOf(ConsumerRecord<String, byte[]> r) {
        if (r.headers().lastHeader(WATERMARK_HEADER) == null) {
            return null;
        }
        try {
            return Instant.parse(new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.UTF_8));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(r.topic() + "/" + r.partition() + "@" + r.offset()
                    + ": a watermark whose time does not parse", e);
        }
    }

    /** The live producer a watermark record names, or null (a recording's watermark, or no watermark). */
    public static String producerOf(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(PRODUCER_HEADER);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The event a record carries, or null for a {@linkplain #watermark watermark} (no event: skipped);
     * IllegalArgumentException (with the topic, partition and offset) when
     * it has no type header, an unknown type, JSON that does not decode, or a type the topic does not carry.
     */
    public static <E extends DomainEvent> E event(Topic<E> topic, ConsumerRecord<String, byte[]> r) {
        if (r.headers().lastHeader(WATERMARK_HEADER) != null) {
            return null;
        }
        Header h = r.headers().lastHeader(TYPE_HEADER);
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        if (h == null || r.value() == null) {
            throw new IllegalArgumentException(where + ": not a Shekara event (no " + TYPE_HEADER + " header or no value)");
        }
        DomainEvent e;
        try {
            e = EventCodec.standard().decode(new String(h.value(), StandardCharsets.UTF_8), r.value());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
        }
        if (!topic.type().isInstance(e)) {
            throw new IllegalArgumentException(where + ": a " + e.getClass().getSimpleName() + " on topic " + topic.name());
        }
        return topic.type().cast(e);
    }
}
