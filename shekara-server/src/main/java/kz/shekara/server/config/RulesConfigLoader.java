package kz.shekara.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.ZoneKind;

/**
 * Reads a theatre's rules.yaml over {@link RulesSettings#defaults()}: a section left out keeps its
 * defaults, a key left out keeps its default, {@code enabled: false} turns a rule off, an unknown
 * key is an error. Durations are ISO-8601 ({@code PT10M}) or a number with s, m or h
 * ({@code 10m}). Every problem is reported as {@code file: key: what is wrong}, all at once, in a
 * {@link ConfigException}. Stateless.
 */
public final class RulesConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h)");
    private static final Set<String> TOP = Set.of("track-timeout", "border-crossing", "approach", "loitering", "speed",
            "sensor-alarm", "sensor-silent", "unit-emergency", "sector-void", "posture", "incidents");

    /** The rules file of a theatre folder. */
    public static final String FILE = "rules.yaml";
    /** The default theatre's rules on the class path. */
    public static final String DEFAULT_RESOURCE = "theatre/default/" + FILE;

    private final String file;
    private final List<String> errors = new ArrayList<>();

    private RulesConfigLoader(String file) {
        this.file = file;
    }

    public static RulesSettings load(Path path) {
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot read: " + e.getMessage()));
        }
    }

    /**
     * The rules of a theatre folder: its rules.yaml, or the defaults when it has none. For the
     * packaged default theatre (no folder), the rules.yaml packaged beside it.
     */
    public static RulesSettings forTheatre(Path theatreDir) {
        return forTheatre(theatreDir, null);
    }

    /**
     * The rules of a theatre folder (as {@link #forTheatre(Path)}) with {@code overrides} laid over
     * them key by key: the {@code rules} section of the server configuration, in the keys of a
     * rules.yaml; null or empty leaves the theatre's rules as they are. Problems of the result are
     * reported against {@code rules}.
     */
    public static RulesSettings forTheatre(Path theatreDir, JsonNode overrides) {
        String name;
        String text;
        if (theatreDir == null) {
            name = DEFAULT_RESOURCE;
            try (var in = RulesConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                text = in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException(List.of(DEFAULT_RESOURCE + ": cannot read: " + e.getMessage()));
            }
        } else {
            Path file = theatreDir.resolve(FILE);
            name = file.toString();
            try {
                text = Files.exists(file) ? Files.readString(file) : null;
            } catch (IOException e) {
                throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
            }
        }
        if (overrides == null || overrides.isNull() || overrides.isEmpty()) {
            return text == null ? RulesSettings.defaults() : parse(text, name);
        }
        JsonNode base = text == null ? null : tree(text, name);
        ObjectNode merged = base instanceof ObjectNode o ? o : YAML.createObjectNode();
        if (!overrides.isObject()) {
            throw new ConfigException(List.of("rules: must be a mapping of keys"));
        }
        merge(merged, (ObjectNode) overrides);
        return new RulesConfigLoader("rules").read(merged);
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            if (into.get(e.getKey()) instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private static JsonNode tree(String yaml, String name) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(List.of(name + ":" + line + ": " + e.getOriginalMessage()));
        }
    }

    /** Parses YAML text; {@code name} names the source in error messages. */
    public static RulesSettings parse(String yaml, String name) {
        JsonNode root = tree(yaml, name);
        return new RulesConfigLoader(name).read(root == null || root.isNull() ? YAML.createObjectNode() : root);
    }

    private RulesSettings read(JsonNode root) {
        if (!root.isObject()) {
            throw new ConfigException(List.of(file + ": the top level must be a mapping of keys"));
        }
        unknown(root, "", TOP);
        RulesConfig d = RulesConfig.defaults();
        IncidentConfig di = IncidentConfig.defaults();
        RulesConfig.Crossing crossing = section(root, "border-crossing", d.borderCrossing(), (n, k) ->
                new RulesConfig.Crossing(num(n, k, "hysteresis-m", d.borderCrossing().hysteresisM()),
                        num(n, k, "crossing-point-radius-m", d.borderCrossing().crossingPointRadiusM()),
                        strings(n, k, "home-zones", d.borderCrossing().homeZones()),
                        severity(n, k, "severity", d.borderCrossing().severity()),
                        severity(n, k, "at-crossing-point-severity", d.borderCrossing().atCrossingPointSeverity())));
        RulesConfig.Approach approach = section(root, "approach", d.approach(), (n, k) ->
                new RulesConfig.Approach(num(n, k, "default-buffer-m", d.approach().defaultBufferM()),
                        duration(n, k, "horizon", d.approach().horizon()),
                        num(n, k, "hysteresis-m", d.approach().hysteresisM()),
                        num(n, k, "min-speed-mps", d.approach().minSpeedMps()),
                        kinds(n, k, "zone-kinds", d.approach().zoneKinds())));
        RulesConfig.Loitering loitering = section(root, "loitering", d.loitering(), (n, k) ->
                new RulesConfig.Loitering(num(n, k, "radius-m", d.loitering().radiusM()),
                        duration(n, k, "duration", d.loitering().duration()), num(n, k, "near-m", d.loitering().nearM()),
                        kinds(n, k, "zone-kinds", d.loitering().zoneKinds())));
        RulesConfig.Speed speed = section(root, "speed", d.speed(), (n, k) ->
                new RulesConfig.Speed(limits(n, k, d.speed().classLimitsMps()),
                        num(n, k, "site-radius-m", d.speed().siteRadiusM()),
                        num(n, k, "site-closing-mps", d.speed().siteClosingMps())));
        RulesConfig.SensorAlarm alarm = section(root, "sensor-alarm", d.sensorAlarm(), (n, k) ->
                new RulesConfig.SensorAlarm(duration(n, k, "rearm", d.sensorAlarm().rearm()),
                        num(n, k, "zone-radius-m", d.sensorAlarm().zoneRadiusM())));
        RulesConfig.SensorSilent silent = section(root, "sensor-silent", d.sensorSilent(), (n, k) ->
                new RulesConfig.SensorSilent(num(n, k, "allowed-periods", d.sensorSilent().allowedPeriods()),
                        duration(n, k, "min-silence", d.sensorSilent().minSilence())));
        RulesConfig.UnitEmergency emergency = section(root, "unit-emergency", d.unitEmergency(), (n, k) ->
                new RulesConfig.UnitEmergency());
        RulesConfig.SectorVoid sectorVoid = section(root, "sector-void", d.sectorVoid(), (n, k) ->
                new RulesConfig.SectorVoid(num(n, k, "reach-m", d.sectorVoid().reachM()),
                        duration(n, k, "startup-grace", d.sectorVoid().startupGrace()),
                        duration(n, k, "unit-stale", d.sectorVoid().unitStale())));
        Map<Posture, RulesConfig.PostureProfile> posture = postures(root.get("posture"), d);
        Duration trackTimeout = duration(root, "", "track-timeout", d.trackTimeout());
        IncidentConfig incidents = section(root, "incidents", di, (n, k) ->
                new IncidentConfig(num(n, k, "radius-m", di.radiusM()), duration(n, k, "window", di.window())));
        RulesSettings out = null;
        if (errors.isEmpty()) {
            try {
                out = new RulesSettings(new RulesConfig(crossing, approach, loitering, speed, alarm, silent, emergency,
                        sectorVoid, posture, trackTimeout), incidents == null ? di : incidents);
            } catch (IllegalArgumentException e) {
                errors.add(file + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return out;
    }

    private interface SectionReader<T> {
        T read(JsonNode node, String key);
    }

    private <T> T section(JsonNode root, String key, T fallback, SectionReader<T> reader) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (n.isNull()) {
            n = YAML.createObjectNode();
        }
        if (!n.isObject()) {
            errors.add(file + ": " + key + ": must be a mapping of keys");
            return fallback;
        }
        if (n.has("enabled")) {
            if (!n.get("enabled").isBoolean()) {
                errors.add(file + ": " + key + ".enabled: must be true or false");
            } else if (!n.get("enabled").asBoolean()) {
                return null;
            }
        }
        unknown(n, key, KNOWN.get(key));
        try {
            return reader.read(n, key);
        } catch (IllegalArgumentException e) {
            errors.add(file + ": " + e.getMessage());
            return fallback;
        }
    }

    private Map<Posture, RulesConfig.PostureProfile> postures(JsonNode n, RulesConfig d) {
        EnumMap<Posture, RulesConfig.PostureProfile> out = new EnumMap<>(Posture.class);
        out.putAll(d.posture());
        if (n == null) {
            return out;
        }
        unknown(n, "posture", Set.of("normal", "elevated", "high"));
        for (Posture p : Posture.values()) {
            JsonNode level = n.get(p.code());
            if (level == null) {
                continue;
            }
            String k = "posture." + p.code();
            RulesConfig.PostureProfile base = d.profile(p);
            try {
                out.put(p, new RulesConfig.PostureProfile(num(level, k, "buffer-factor", base.bufferFactor()),
                        num(level, k, "loiter-time-factor", base.loiterTimeFactor()),
                        num(level, k, "speed-factor", base.speedFactor()),
                        num(level, k, "horizon-factor", base.horizonFactor())));
            } catch (IllegalArgumentException e) {
                errors.add(file + ": " + k + "." + e.getMessage());
            }
        }
        return out;
    }

    private void unknown(JsonNode n, String prefix, Set<String> known) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                errors.add(file + ": " + (prefix.isEmpty() ? "" : prefix + ".") + f + ": unknown key (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static JsonNode field(JsonNode n, String section, String key) {
        return n.get(key);
    }

    private static final Map<String, Set<String>> KNOWN = Map.of(
            "border-crossing", Set.of("enabled", "hysteresis-m", "crossing-point-radius-m", "home-zones", "severity",
                    "at-crossing-point-severity"),
            "approach", Set.of("enabled", "default-buffer-m", "horizon", "hysteresis-m", "min-speed-mps", "zone-kinds"),
            "loitering", Set.of("enabled", "radius-m", "duration", "near-m", "zone-kinds"),
            "speed", Set.of("enabled", "class-limits-mps", "site-radius-m", "site-closing-mps"),
            "sensor-alarm", Set.of("enabled", "rearm", "zone-radius-m"),
            "sensor-silent", Set.of("enabled", "allowed-periods", "min-silence"),
            "unit-emergency", Set.of("enabled"),
            "sector-void", Set.of("enabled", "reach-m", "startup-grace", "unit-stale"),
            "incidents", Set.of("radius-m", "window"));

    private double num(JsonNode n, String section, String key, double fallback) {
        JsonNode v = field(n, section, key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(section + "." + key + ": must be a number, got " + v);
        }
        return v.asDouble();
    }

    private Duration duration(JsonNode n, String section, String key, Duration fallback) {
        JsonNode v = section.isEmpty() ? n.get(key) : field(n, section, key);
        String path = section.isEmpty() ? key : section + "." + key;
        if (v == null) {
            return fallback;
        }
        String t = v.asText().trim();
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long unitS = switch (m.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                default -> 3600;
            };
            return Duration.ofMillis(Math.round(amount * unitS * 1000));
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            errors.add(file + ": " + path + ": not a duration (use 10m, 30s, 2h or PT10M): " + v);
            return fallback;
        }
    }

    private Severity severity(JsonNode n, String section, String key, Severity fallback) {
        return enumValue(n, section, key, fallback, Severity::fromCode, "low, medium, high, critical");
    }

    private <E> E enumValue(JsonNode n, String section, String key, E fallback, Function<String, E> parse, String known) {
        JsonNode v = field(n, section, key);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + "." + key + ": unknown value '" + v.asText() + "' (known: "
                    + known + ")");
        }
    }

    private List<String> strings(JsonNode n, String section, String key, List<String> fallback) {
        JsonNode v = field(n, section, key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(section + "." + key + ": must be a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    private Set<ZoneKind> kinds(JsonNode n, String section, String key, Set<ZoneKind> fallback) {
        List<String> names = strings(n, section, key, null);
        if (names == null) {
            return fallback;
        }
        Set<ZoneKind> out = new HashSet<>();
        for (String s : names) {
            try {
                out.add(ZoneKind.fromCode(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(section + "." + key + ": unknown zone kind '" + s + "'");
            }
        }
        return out;
    }

    private Map<TargetClass, Double> limits(JsonNode n, String section, Map<TargetClass, Double> fallback) {
        JsonNode v = field(n, section, "class-limits-mps");
        if (v == null) {
            return fallback;
        }
        EnumMap<TargetClass, Double> out = new EnumMap<>(TargetClass.class);
        out.putAll(fallback);
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            TargetClass c;
            try {
                c = TargetClass.valueOf(e.getKey().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(section + ".class-limits-mps." + e.getKey() + ": unknown class");
            }
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(section + ".class-limits-mps." + e.getKey() + ": must be a number");
            }
            out.put(c, e.getValue().asDouble());
        }
        return out;
    }
}
