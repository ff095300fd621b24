package kz.shekara.server.theatre;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One entry of a theatre file (a YAML list element, a GeoJSON feature's properties) with typed getters
 * that report a missing or malformed value to the load's problems, each at the value's line, and
 * return a fallback so that checking goes on. {@code what} names the entry in messages
 * ("unit HELI-1", "feature 12 (cp-korday)"). Not thread-safe.
 */
final class Item {
    private final String file;
    private final String what;
    private final SourceNode.Obj node;
    private final Problems problems;

    Item(String file, String what, SourceNode.Obj node, Problems problems) {
        this.file = file;
        this.what = what;
        this.node = node;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    int line() {
        return node.line();
    }

    String what() {
        return what;
    }

    Item named(String newWhat) {
        return new Item(file, newWhat, node, problems);
    }

    void problem(String message) {
        problems.add(file, node.line(), what + ": " + message);
    }

    void problemAt(int line, String message) {
        problems.add(file, line, what + ": " + message);
    }

    void problem(String key, String message) {
        SourceNode v = node.fields().get(key);
        problems.add(file, v == null ? node.line() : v.line(), what + ": " + message);
    }

    /** Reports every key not in {@code allowed}. */
    void allowOnly(Set<String> allowed) {
        node.fields().forEach((k, v) -> {
            if (!allowed.contains(k)) {
                problems.add(file, v.line(), what + ": unknown field '" + k + "'");
            }
        });
    }

    boolean has(String key) {
        SourceNode v = node.fields().get(key);
        return v != null && !(v instanceof SourceNode.Val val && val.value().isNull());
    }

    SourceNode raw(String key) {
        return node.fields().get(key);
    }

    /** A scalar, or null (with a problem when {@code required}) if absent or not a scalar. */
    private JsonNode scalar(String key, boolean required) {
        SourceNode v = node.fields().get(key);
        if (v == null || (v instanceof SourceNode.Val val && val.value().isNull())) {
            if (required) {
                problem("missing '" + key + "'");
            }
            return null;
        }
        if (v instanceof SourceNode.Val val && val.value().isValueNode()) {
            return val.value();
        }
        problem(key, "'" + key + "' must be a single value");
        return null;
    }

    String text(String key, boolean required) {
        JsonNode v = scalar(key, required);
        if (v == null) {
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) {
                problem(key, "'" + key + "' must not be empty");
            }
            return null;
        }
        return s;
    }

    double number(String key, double fallback, boolean required) {
        JsonNode v = scalar(key, required);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            problem(key, "'" + key + "' must be a number, not '" + v.asText() + "'");
            return fallback;
        }
        return v.asDouble();
    }

    /** A number in [min, max] (NaN when missing or out of range, with a problem). */
    double number(String key, double min, double max, boolean required) {
        double d = number(key, Double.NaN, required);
        if (!Double.isNaN(d) && !(d >= min && d <= max)) {
            problem(key, "'" + key + "' " + d + " out of range [" + plain(min) + ", " + plain(max) + "]");
            return Double.NaN;
        }
        return d;
    }

    /** A number that must be strictly positive (NaN when not). */
    double positive(String key, boolean required) {
        double d = number(key, Double.NaN, required);
        if (!Double.isNaN(d) && !(d > 0)) {
            problem(key, "'" + key + "' must be > 0, not " + plain(d));
            return Double.NaN;
        }
        return d;
    }

    boolean flag(String key, boolean fallback) {
        JsonNode v = scalar(key, false);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(key, "'" + key + "' must be true or false");
            return fallback;
        }
        return v.asBoolean();
    }

    /** An ISO-8601 duration (PT30S, PT15M), not negative. */
    Duration duration(String key, boolean required) {
        String s = text(key, required);
        if (s == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative()) {
                problem(key, "'" + key + "' must not be negative: " + s);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problem(key, "bad duration '" + s + "' for '" + key + "' (ISO-8601 expected, e.g. PT30S)");
            return null;
        }
    }

    /** A code of a closed set, parsed by {@code parse} (which throws IllegalArgumentException for unknown codes). */
    <T> T code(String key, Function<String, T> parse, List<String> allowed, boolean required) {
        String s = text(key, required);
        if (s == null) {
            return null;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            problem(key, "unknown " + key + " '" + s + "' (one of " + String.join(", ", allowed) + ")");
            return null;
        }
    }

    /** A list of strings (empty when absent). */
    List<String> texts(String key) {
        SourceNode v = node.fields().get(key);
        List<String> out = new ArrayList<>();
        if (v == null || (v instanceof SourceNode.Val val && val.value().isNull())) {
            return out;
        }
        if (!(v instanceof SourceNode.Arr arr)) {
            problem(key, "'" + key + "' must be a list");
            return out;
        }
        for (SourceNode n : arr.items()) {
            if (n instanceof SourceNode.Val val && val.value().isValueNode() && !val.value().asText().isBlank()) {
                out.add(val.value().asText().trim());
            } else {
                problems.add(file, n.line(), what + ": '" + key + "' entries must be non-empty names");
            }
        }
        return out;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
