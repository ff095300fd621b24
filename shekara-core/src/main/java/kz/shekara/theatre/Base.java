package kz.shekara.theatre;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A place units are stationed at: a border post, an air base, a boat station. Degrees. {@code names} holds
 * its name by language code (kk, ru, en) where the theatre gives it, sorted by code; {@code name} is its one name.
 */
public record Base(String id, String name, BaseKind kind, String command, double lat, double lon, Map<String, String> names) {
    public Base {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        names = Collections.unmodifiableSortedMap(names == null ? new TreeMap<>() : new TreeMap<>(names));
    }

    /** A base known by one name. */
    public Base(String id, String name, BaseKind kind, String command, double lat, double lon) {
        this(id, name, kind, command, lat, lon, null);
    }

    /** The base's name in a language, or its one name when the theatre gives none in it. */
    public String name(String language) {
        return names.getOrDefault(language, name);
    }
}
