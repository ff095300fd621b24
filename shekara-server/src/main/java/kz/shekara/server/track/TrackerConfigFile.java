package kz.shekara.server.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.shekara.track.TrackerConfig;

/**
 * Reads tracker parameters from a YAML or JSON file over {@link TrackerConfig#DEFAULTS}: keys left out
 * keep their default, unknown keys are an error, and the record validates the result once. Durations
 * are ISO-8601 ({@code PT30S}) or seconds. Stateless, thread-safe.
 */
public final class TrackerConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TrackerConfigFile() {
    }

    /** The configuration in {@code file}; IllegalArgumentException with file name and reason when it is bad. */
    public static TrackerConfig load(Path file) {
        JsonNode overrides;
        try {
            overrides = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        ObjectNode merged = YAML.valueToTree(TrackerConfig.DEFAULTS);
        if (overrides != null && !overrides.isNull() && !overrides.isMissingNode()) {
            if (!overrides.isObject()) {
                throw new IllegalArgumentException(file + ": the top level must be a mapping of keys");
            }
            merged.setAll((ObjectNode) overrides);
        }
        try {
            return YAML.treeToValue(merged, TrackerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(file + ": " + (cause instanceof IllegalArgumentException
                    ? cause.getMessage() : e.getOriginalMessage()));
        }
    }
}
