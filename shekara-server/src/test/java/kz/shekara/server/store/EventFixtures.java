package kz.shekara.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;

/** Test events: the every-event-type fixture file, and generated unit positions. */
final class EventFixtures {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", Set.of("MVD"));

    /** One line of every-event-type.jsonl: topic, key, type tag, and the event's JSON as written. */
    record Line(String topic, String key, String type, String eventJson) {
        LogEntry entry() {
            return new LogEntry(topic, key, EventCodec.standard().decode(type, eventJson));
        }
    }

    private EventFixtures() {
    }

    static List<Line> everyEventType() {
        try (InputStream in = EventFixtures.class.getResourceAsStream("every-event-type.jsonl")) {
            ObjectMapper m = new ObjectMapper();
            List<Line> lines = new ArrayList<>();
            for (String s : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n = m.readTree(s);
                String event = s.substring(s.indexOf("\"event\":") + "\"event\":".length(), s.length() - 1);
                lines.add(new Line(n.get("topic").asText(), n.get("key").isNull() ? null : n.get("key").asText(),
                        n.get("type").asText(), event));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LogEntry> everyEventTypeEntries() {
        return everyEventType().stream().map(Line::entry).toList();
    }

    /** Unit {@code u} of {@code units} reporting at {@code t0 + i * stepS} seconds, a deterministic path. */
    static UnitPosition position(int i, int units, Instant t0, int stepS) {
        int u = i % units;
        return new UnitPosition(t0.plusSeconds((long) i * stepS), "U-" + u, "Unit " + u, "a-f-G-U-C",
                42.0 + u * 0.01 + i * 1e-5, 69.0 + i * 1e-5, (i * 7) % 360, i % 13,
                UnitStatus.values()[i % UnitStatus.values().length], MARKING);
    }

    static LogEntry positionEntry(int i, int units, Instant t0, int stepS) {
        return new LogEntry("unit-positions", "S1", position(i, units, t0, stepS));
    }
}
