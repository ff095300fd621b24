package kz.shekara.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kz.shekara.track.TrackerConfig;

/**
 * Reads a YAML configuration file over the {@link ShekaraConfig#defaults() defaults}: keys the file
 * leaves out keep their default, unknown keys are an error (a typo must not pass silently), and
 * every section is validated, its own type's checks and the cross-checks of
 * {@link ShekaraConfig#validate()}; the {@code rules} section is checked laid over the configured
 * theatre's rules. Every problem of the file is listed in one {@link ConfigException}. Durations are
 * ISO-8601 ({@code PT30S}) or seconds. Relative paths in the file resolve against the file's folder.
 * Stateless, thread-safe.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Set<String> TOP = Set.of("http", "cot", "dataDir", "theatre", "db", "simulation", "tracker",
            "rules", "store", "response", "live", "access", "federation", "kafka");

    private final Path file;
    private final List<String> errors = new ArrayList<>();

    private ConfigLoader(Path file) {
        this.file = file;
    }

    /** The configuration in {@code file}, validated; {@link ConfigException} listing every problem otherwise. */
    public static ShekaraConfig load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(List.of(file + ":" + line + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(List.of(file + ": the top level must be a mapping of keys"));
        }
        return new ConfigLoader(file).read(root);
    }

    /** The {@code tracker} section of the configuration in {@code file}, as {@code track --config} reads it. */
    public static TrackerConfig loadTracker(Path file) {
        return load(file).tracker();
    }

    private ShekaraConfig read(JsonNode root) {
        ShekaraConfig d = ShekaraConfig.defaults();
        ObjectNode top = YAML.createObjectNode();
        TOP.forEach(top::putNull);
        unknown("", root, List.of(top));
        Path base = file.toAbsolutePath().getParent();
        ShekaraConfig.Http http = section("http", root, d.http());
        ShekaraConfig.Cot cot = section("cot", root, d.cot());
        ShekaraConfig.Simulation simulation = section("simulation", root, d.simulation());
        TrackerConfig tracker = section("tracker", root, d.tracker());
        LiveStateConfig live = section("live", root, d.live());
        AccessConfig access = section("access", root, d.access());
        ShekaraConfig.Kafka kafka = section("kafka", root, d.kafka());
        JsonNode storeGiven = sectionOf("store", root, d.store().log(), d.store().restart());
        ShekaraConfig.Store store = new ShekaraConfig.Store(map("store", storeGiven, d.store().log()),
                map("store", storeGiven, d.store().restart()));
        JsonNode responseGiven = sectionOf("response", root, d.response().desk(), d.response().plan());
        ShekaraConfig.Response response = new ShekaraConfig.Response(map("response", responseGiven, d.response().desk()),
                map("response", responseGiven, d.response().plan()));
        JsonNode rules = root.get("rules");
        if (rules != null && !rules.isNull() && !rules.isObject()) {
            errors.add("rules: must be a mapping of keys (those of a theatre's rules.yaml)");
            rules = null;
        }
        String dataDirGiven = text(root, "dataDir");
        String theatreGiven = text(root, "theatre");
        Path dataDir = dataDirGiven == null ? d.dataDir() : base.resolve(dataDirGiven);
        Path theatre = theatreGiven == null ? null : base.resolve(theatreGiven);
        ShekaraConfig cfg = new ShekaraConfig(http, cot, dataDir, theatre, text(root, "db"), simulation, tracker,
                rules == null || rules.isNull() ? null : rules, store, response, live, access, federation(root, base),
                kafka);
        errors.addAll(cfg.problems());
        checkRules(cfg);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return cfg;
    }

    /** A section read whole into one type. */
    private <T> T section(String name, JsonNode root, T defaults) {
        return map(name, sectionOf(name, root, defaults), defaults);
    }

    /**
     * The section {@code name} as given (null when left out), its keys checked against those of the
     * types it is read into; each type then takes its own keys ({@link #map}).
     */
    private JsonNode sectionOf(String name, JsonNode root, Object... parts) {
        JsonNode given = given(name, root);
        if (given != null) {
            List<JsonNode> known = new ArrayList<>();
            for (Object part : parts) {
                known.add(YAML.valueToTree(part));
            }
            unknown(name, given, known);
        }
        return given;
    }

    private JsonNode given(String name, JsonNode root) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            errors.add(name + ": must be a mapping of keys");
            return null;
        }
        return n;
    }

    /** {@code defaults} with the keys of {@code given} it has replaced; the defaults (and an error) when invalid. */
    private <T> T map(String name, JsonNode given, T defaults) {
        if (given == null) {
            return defaults;
        }
        ObjectNode merged = YAML.valueToTree(defaults);
        merge(merged, (ObjectNode) given);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) defaults.getClass();
        T read = convert(name, merged, type);
        return read == null ? defaults : read;
    }

    /** {@code tree} as a {@code type}, or null (and an error) when invalid. */
    private <T> T convert(String name, JsonNode tree, Class<T> type) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            errors.add(name + ": " + cause.getMessage());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            errors.add(name + (path.isEmpty() ? "" : "." + path) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            errors.add(name + ": " + e.getOriginalMessage());
        }
        return null;
    }

    /**
     * The {@code federation} list: one mapping per partner, each key checked and left-out keys at
     * their defaults (port 8089, passwords {@code atakatak}, reconnect after 1 s doubling to 1 min);
     * files resolve against the file's folder.
     */
    private FederationConfig federation(JsonNode root, Path base) {
        JsonNode list = root.get("federation");
        if (list == null || list.isNull()) {
            return FederationConfig.NONE;
        }
        if (!list.isArray()) {
            errors.add("federation: must be a list of partners ({agency, host, port, certificate, ...})");
            return FederationConfig.NONE;
        }
        ObjectNode defaults = YAML.createObjectNode().putNull("agency").putNull("host").put("port", 8089)
                .putNull("certificate").put("password", "atakatak").putNull("truststore")
                .put("truststorePassword", "atakatak").put("reconnectMin", "PT1S").put("reconnectMax", "PT1M");
        List<FederationConfig.Partner> partners = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String name = "federation[" + i + "]";
            if (!list.get(i).isObject()) {
                errors.add(name + ": must be a mapping of keys");
                continue;
            }
            unknown(name, list.get(i), List.of(defaults));
            ObjectNode merged = defaults.deepCopy();
            merge(merged, (ObjectNode) list.get(i));
            FederationConfig.Partner p = convert(name, merged, FederationConfig.Partner.class);
            if (p != null) {
                partners.add(p.resolvedAgainst(base));
            }
        }
        try {
            return new FederationConfig(partners);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return FederationConfig.NONE;
        }
    }

    /** Keys of {@code given} that no tree in {@code known} has at that place, each an error. */
    private void unknown(String path, JsonNode given, List<JsonNode> known) {
        Iterator<String> it = given.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            List<JsonNode> at = known.stream().filter(k -> k.has(key)).map(k -> k.get(key)).toList();
            String where = path.isEmpty() ? key : path + "." + key;
            if (at.isEmpty()) {
                Set<String> names = new TreeSet<>();
                known.forEach(k -> k.fieldNames().forEachRemaining(names::add));
                errors.add(file + ": unknown key '" + where + "' (known: " + names + ")");
            } else if (given.get(key).isObject() && at.stream().allMatch(JsonNode::isObject)) {
                unknown(where, given.get(key), at);
            }
        }
    }

    private void checkRules(ShekaraConfig cfg) {
        if (cfg.rules().isEmpty()) {
            return;
        }
        try {
            RulesConfigLoader.forTheatre(cfg.theatre(), cfg.rules());
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
    }

    private String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            errors.add(key + ": must be a single value");
            return null;
        }
        return n.asText();
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else if (existing != null) {
                // A key the type does not have belongs to another part of the section, or is reported unknown.
                into.set(e.getKey(), e.getValue());
            }
        });
    }

}
