package kz.shekara.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a YAML configuration file over the {@link ShekaraConfig#defaults() defaults}: keys the file
 * leaves out keep their default, unknown keys are an error (a typo must not pass silently), and
 * the result is validated. Relative paths in the file resolve against the file's folder.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static ShekaraConfig load(Path file) {
        JsonNode overrides;
        try {
            overrides = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        ObjectNode merged = YAML.valueToTree(ShekaraConfig.defaults());
        if (overrides != null && !overrides.isNull()) {
            if (!overrides.isObject()) {
                throw new ConfigException(List.of(file + ": the top level must be a mapping of keys"));
            }
            merge(merged, (ObjectNode) overrides);
        }
        ShekaraConfig cfg;
        try {
            cfg = YAML.treeToValue(merged, ShekaraConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(List.of(file + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")"));
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(file + ": " + e.getOriginalMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        if (overrides != null && overrides.has("dataDir")) {
            cfg = cfg.withDataDir(base.resolve(cfg.dataDir()));
        }
        if (cfg.theatre() != null) {
            cfg = cfg.withTheatre(base.resolve(cfg.theatre()));
        }
        return cfg.validate();
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }
}
