package kz.shekara.server.theatre;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML or JSON value read with the 1-based line it starts on, so that every problem can name its
 * line. Values under the keys given as opaque (e.g. a GeoJSON {@code geometry}) are kept as one tree.
 */
sealed interface SourceNode {
    int line();

    /** A mapping, keys in file order. */
    record Obj(int line, Map<String, SourceNode> fields) implements SourceNode {
    }

    /** A sequence. */
    record Arr(int line, List<SourceNode> items) implements SourceNode {
    }

    /** A scalar, or an opaque subtree. */
    record Val(int line, JsonNode value) implements SourceNode {
    }

    /** Reads the document the parser is positioned before; duplicate keys are reported to {@code problems}. */
    static SourceNode read(JsonParser p, ObjectMapper mapper, Set<String> opaque, String file, Problems problems)
            throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return new Obj(1, Map.of());
        }
        return readValue(p, mapper, opaque, file, problems);
    }

    private static SourceNode readValue(JsonParser p, ObjectMapper mapper, Set<String> opaque, String file,
                                        Problems problems) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, SourceNode> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int fieldLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                SourceNode value = opaque.contains(name)
                        ? new Val(fieldLine, mapper.readTree(p))
                        : readValue(p, mapper, opaque, file, problems);
                if (fields.putIfAbsent(name, value) != null) {
                    problems.add(file, fieldLine, "duplicate key '" + name + "'");
                }
            }
            return new Obj(line, fields);
        }
        if (t == JsonToken.START_ARRAY) {
            List<SourceNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(p, mapper, opaque, file, problems));
            }
            return new Arr(line, items);
        }
        return new Val(line, mapper.readTree(p));
    }
}
