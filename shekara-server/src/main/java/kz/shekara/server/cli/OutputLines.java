package kz.shekara.server.cli;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;

/**
 * The lines of alerts.jsonl and incidents.jsonl as {@code process} (and {@code collect}) write them:
 * times in seconds since {@code start} with millisecond precision, coordinates to 7 decimals, plain
 * decimals. Immutable and thread-safe.
 */
final class OutputLines {
    /** Plain decimals (10, not 1E+1) for the rounded numbers of the output lines. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Instant start;

    OutputLines(Instant start) {
        this.start = start;
    }

    String alert(Alert a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", seconds(a.time()));
        o.put("alert", a.id());
        o.put("rule", a.rule().code());
        o.put("severity", a.severity().code());
        o.put("zone", a.zone());
        if (a.direction().isPresent()) {
            // A crossing says which way and where: the crossing point, or else the sector.
            o.put("direction", a.direction().get());
            o.put("crossing_point", a.crossingPoint().orElse(null));
            o.put("sector", a.sector());
        }
        o.put("track", a.track());
        o.put("lat", round(a.lat(), 7));
        o.put("lon", round(a.lon(), 7));
        if (a.sensor() != null) {
            o.put("sensor", a.sensor());
        }
        if (a.unit() != null) {
            o.put("unit", a.unit());
        }
        return write(o);
    }

    String incident(IncidentEvent i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", seconds(i.time()));
        o.put("incident", i.incident());
        o.put("change", i.change().code());
        o.put("status", i.status().code());
        o.put("alert", i.alert());
        o.put("severity", i.severity().code());
        o.put("sector", i.sector());
        o.put("lat", round(i.lat(), 7));
        o.put("lon", round(i.lon(), 7));
        return write(o);
    }

    BigDecimal seconds(Instant t) {
        Duration d = Duration.between(start, t);
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
