package kz.shekara.server.adapter.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.TreeSet;
import kz.shekara.model.EventTimes;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.TruthState;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.adapter.DecodeException;

/**
 * Decoder and encoder of the JSON Lines formats of docs/formats.md (detections, tracks, unit positions,
 * and the simulator's truth), and of sensor heartbeats, which share the detections' file:
 * {@code {"time": T, "sensor": "ugs-1", "heartbeat": true}}. Pure: no I/O, no clock. Times are read as seconds since {@code epoch}
 * (a JSON number) or as an ISO-8601 instant (a string); they are written as seconds since the epoch
 * with millisecond precision when {@code writeSeconds} is set, as ISO-8601 otherwise. Unknown
 * fields are ignored. Thread-safe.
 */
public final class JsonlCodec {
    /** The longest line accepted, in characters. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The largest number of seconds from the epoch a time may be given as (about 285 years). */
    static final double MAX_SECONDS = 9e9;

    private final Instant epoch;
    private final boolean writeSeconds;
    private final Marking defaultMarking;

    public JsonlCodec(Instant epoch, boolean writeSeconds, Marking defaultMarking) {
        this.epoch = Objects.requireNonNull(epoch, "epoch");
        this.writeSeconds = writeSeconds;
        this.defaultMarking = Objects.requireNonNull(defaultMarking, "defaultMarking");
    }

    public Instant epoch() {
        return epoch;
    }

    public Detection decodeDetection(String line) throws DecodeException {
        Detection d = plainDetection(line);
        return d != null ? d : detection(parse(line));
    }

    /**
     * Decodes a line of a sensor feed: a heartbeat ({@code {"time", "sensor", "heartbeat": true}}) or a
     * detection. A heartbeat line carries no position; {@code "heartbeat"} must be a boolean.
     */
    public DomainEvent decodeSensorReport(String line) throws DecodeException {
        Detection d = plainDetection(line);
        return d != null ? d : decodeSensorReportTree(line);
    }

    /** {@link #decodeSensorReport} through the JSON tree: the reference the direct reading must equal. */
    DomainEvent decodeSensorReportTree(String line) throws DecodeException {
        JsonNode n = parse(line);
        return isHeartbeat(n) ? heartbeat(n) : detection(n);
    }

    /** Decodes a heartbeat line, {@code {"time": T, "sensor": "ugs-1", "heartbeat": true}}. */
    public SensorHeartbeat decodeHeartbeat(String line) throws DecodeException {
        JsonNode n = parse(line);
        if (!isHeartbeat(n)) {
            throw new DecodeException("not-a-heartbeat", "a heartbeat line needs \"heartbeat\": true");
        }
        return heartbeat(n);
    }

    public String encodeHeartbeat(SensorHeartbeat h) {
        ObjectNode o = MAPPER.createObjectNode();
        putTime(o, h.time());
        o.put("sensor", h.sensor());
        o.put("heartbeat", true);
        return write(o);
    }

    /** The usual detection line read without a JSON tree ({@link DetectionLine}), or null for the tree. */
    private Detection plainDetection(String line) {
        return line.length() > MAX_LINE_CHARS ? null : DetectionLine.read(line, epoch, defaultMarking);
    }

    private static boolean isHeartbeat(JsonNode n) throws DecodeException {
        JsonNode h = n.get("heartbeat");
        if (h == null || h.isNull()) {
            return false;
        }
        if (!h.isBoolean()) {
            throw new DecodeException("bad-field", "field 'heartbeat' must be true or false");
        }
        return h.asBoolean();
    }

    private SensorHeartbeat heartbeat(JsonNode n) throws DecodeException {
        return new SensorHeartbeat(time(n), text(n, "sensor"), defaultMarking);
    }

    private Detection detection(JsonNode n) throws DecodeException {
        Instant time = time(n);
        String sensor = text(n, "sensor");
        SensorKind kind = SensorKind.OTHER;
        if (n.hasNonNull("kind")) {
            try {
                kind = SensorKind.fromCode(n.get("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new DecodeException("unknown-kind", "unknown sensor kind '" + n.get("kind").asText() + "'");
            }
        }
        double lat = number(n, "lat");
        double lon = number(n, "lon");
        double sigma = number(n, "sigma_m");
        try {
            return new Detection(time, sensor, kind, lat, lon, sigma, defaultMarking);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(reasonOf(e), e.getMessage());
        }
    }

    public String encodeDetection(Detection d) {
        ObjectNode o = MAPPER.createObjectNode();
        putTime(o, d.time());
        o.put("sensor", d.sensor());
        o.putRawValue("lat", round(d.lat(), 7));
        o.putRawValue("lon", round(d.lon(), 7));
        o.putRawValue("sigma_m", round(d.sigmaM(), 3));
        o.put("kind", d.kind().code());
        return write(o);
    }

    /** Decodes a track line; fields beyond the basic ones (status, sensors, class) are optional. */
    public TrackUpdate decodeTrack(String line) throws DecodeException {
        JsonNode n = parse(line);
        Instant time = time(n);
        String id = text(n, "track");
        double lat = number(n, "lat");
        double lon = number(n, "lon");
        double vn = n.hasNonNull("vn") ? number(n, "vn") : 0;
        double ve = n.hasNonNull("ve") ? number(n, "ve") : 0;
        double sigma = n.hasNonNull("sigma_m") ? number(n, "sigma_m") : 0;
        TreeSet<String> sensors = new TreeSet<>();
        if (n.has("sensors")) {
            n.get("sensors").forEach(s -> sensors.add(s.asText()));
        }
        TrackStatus status = TrackStatus.CONFIRMED;
        if (n.hasNonNull("status")) {
            String code = n.get("status").asText();
            status = java.util.Arrays.stream(TrackStatus.values())
                    .filter(v -> v.name().toLowerCase(java.util.Locale.ROOT).equals(code)).findFirst()
                    .orElseThrow(() -> new DecodeException("unknown-status", "unknown track status '" + code + "'"));
        }
        try {
            return new TrackUpdate(time, id, n.path("sector").asText(null), lat, lon, vn, ve, sigma * sigma, 0,
                    sigma * sigma, status, TargetClass.UNKNOWN, sensors, defaultMarking);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(reasonOf(e), e.getMessage());
        }
    }

    /**
     * A track line. Written straight into text ({@link TrackLineText}), the same bytes as the JSON tree
     * would give, unless the track id needs escaping in JSON (then by the tree).
     */
    public String encodeTrack(TrackUpdate t) {
        if (!TrackLineText.plain(t.track())) {
            return encodeTrackTree(t);
        }
        return TrackLineText.of(t, writeSeconds ? DecimalText.seconds(Duration.between(epoch, t.time()))
                : "\"" + t.time() + "\"");
    }

    /** {@link #encodeTrack} through the JSON tree: the reference the direct text must equal. */
    String encodeTrackTree(TrackUpdate t) {
        ObjectNode o = MAPPER.createObjectNode();
        putTime(o, t.time());
        o.put("track", t.track());
        o.putRawValue("lat", round(t.lat(), 7));
        o.putRawValue("lon", round(t.lon(), 7));
        o.putRawValue("vn", round(t.vnMps(), 3));
        o.putRawValue("ve", round(t.veMps(), 3));
        o.putRawValue("sigma_m", round(t.sigmaM(), 2));
        if (!t.modeProbabilities().isEmpty()) {
            // A multiple-model tracker's model probabilities (quiet, manoeuvring); a single-model line stays as it was.
            ArrayNode modes = o.putArray("modes");
            t.modeProbabilities().forEach(p -> modes.addRawValue(round(p, 3)));
        }
        if (t.status() == TrackStatus.DELETED) {
            // Only a live log's end of a track carries it; batch track files never do, so they stay as they were.
            o.put("status", "deleted");
        }
        return write(o);
    }

    public UnitPosition decodeUnitPosition(String line) throws DecodeException {
        JsonNode n = parse(line);
        Instant time = time(n);
        String unit = text(n, "unit");
        double lat = number(n, "lat");
        double lon = number(n, "lon");
        UnitStatus status = UnitStatus.AVAILABLE;
        if (n.hasNonNull("status")) {
            try {
                status = UnitStatus.fromCode(n.get("status").asText());
            } catch (IllegalArgumentException e) {
                throw new DecodeException("unknown-status", "unknown unit status '" + n.get("status").asText() + "'");
            }
        }
        String callsign = n.hasNonNull("callsign") ? n.get("callsign").asText() : unit;
        String type = n.hasNonNull("type") ? n.get("type").asText() : "a-f-G-U-C";
        try {
            return new UnitPosition(time, unit, callsign, type, lat, lon, Double.NaN, Double.NaN, status,
                    defaultMarking);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(reasonOf(e), e.getMessage());
        }
    }

    public String encodeUnitPosition(UnitPosition u) {
        ObjectNode o = MAPPER.createObjectNode();
        putTime(o, u.time());
        o.put("unit", u.unit());
        o.putRawValue("lat", round(u.lat(), 7));
        o.putRawValue("lon", round(u.lon(), 7));
        o.put("status", u.status().code());
        return write(o);
    }

    public TruthState decodeTruth(String line) throws DecodeException {
        JsonNode n = parse(line);
        Instant time = time(n);
        String target = text(n, "target");
        double lat = number(n, "lat");
        double lon = number(n, "lon");
        double vn = n.hasNonNull("vn") ? number(n, "vn") : 0;
        double ve = n.hasNonNull("ve") ? number(n, "ve") : 0;
        try {
            return new TruthState(time, target, lat, lon, vn, ve);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(reasonOf(e), e.getMessage());
        }
    }

    public String encodeTruth(TruthState t) {
        ObjectNode o = MAPPER.createObjectNode();
        putTime(o, t.time());
        o.put("target", t.target());
        o.putRawValue("lat", round(t.lat(), 7));
        o.putRawValue("lon", round(t.lon(), 7));
        o.putRawValue("vn", round(t.vnMps(), 3));
        o.putRawValue("ve", round(t.veMps(), 3));
        return write(o);
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static JsonNode parse(String line) throws DecodeException {
        if (line.length() > MAX_LINE_CHARS) {
            throw new DecodeException("oversized", "line longer than " + MAX_LINE_CHARS + " characters");
        }
        JsonNode n = FlatJsonReader.read(line);
        if (n != null) {
            return n;
        }
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DecodeException("malformed-json", "not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new DecodeException("malformed-json", "a line must be one JSON object");
        }
        return n;
    }

    private Instant time(JsonNode n) throws DecodeException {
        JsonNode t = n.get("time");
        if (t == null || t.isNull()) {
            throw new DecodeException("missing-field", "missing field 'time'");
        }
        Instant time;
        if (t.isNumber()) {
            double s = t.asDouble();
            // Past a few centuries the nanoseconds no longer fit a long: out of range, whatever the epoch.
            if (!Double.isFinite(s) || Math.abs(s) > MAX_SECONDS) {
                throw new DecodeException("time-out-of-range", "time out of range: " + t);
            }
            BigDecimal nanos = t.decimalValue().movePointRight(9).setScale(0, RoundingMode.HALF_EVEN);
            time = epoch.plus(Duration.ofNanos(nanos.longValueExact()));
        } else if (t.isTextual()) {
            try {
                time = Instant.parse(t.asText());
            } catch (DateTimeParseException e) {
                throw new DecodeException("bad-time", "time is neither seconds nor an ISO-8601 instant: " + t);
            }
        } else {
            throw new DecodeException("bad-time", "time must be a number of seconds or an ISO-8601 string");
        }
        if (!EventTimes.inRange(time)) {
            throw new DecodeException("time-out-of-range", "time " + time + " is outside " + EventTimes.EARLIEST
                    + " .. " + EventTimes.LATEST);
        }
        return time;
    }

    private void putTime(ObjectNode o, Instant t) {
        if (writeSeconds) {
            o.putRawValue("time", new RawValue(DecimalText.seconds(Duration.between(epoch, t))));
        } else {
            o.put("time", t.toString());
        }
    }

    private static String text(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new DecodeException("missing-field", "missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new DecodeException("bad-field", "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new DecodeException("missing-field", "missing field '" + field + "'");
        }
        if (!v.isNumber()) {
            throw new DecodeException("bad-field", "field '" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static String reasonOf(IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("latitude")) {
            return "lat-out-of-range";
        }
        if (m.startsWith("longitude")) {
            return "lon-out-of-range";
        }
        return "invalid-value";
    }

    private static RawValue round(double v, int places) {
        return new RawValue(DecimalText.round(v, places));
    }
}
