package kz.shekara.theatre;

import java.util.Objects;

/** A place units are stationed at: a border post, an air base, a boat station. Degrees. */
public record Base(String id, String name, BaseKind kind, String command, double lat, double lon) {
    public Base {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
