package kz.shekara.server.store;

import java.util.Objects;
import java.util.function.Function;
import kz.shekara.model.DomainEvent;

/**
 * One kind of domain event the log can hold: its stable type tag (stored with every row and never
 * renamed once data exists), its record class, and the entity it is about (the unit of a position,
 * the sensor of a detection, the track of a track update), which retention uses to thin history per
 * entity. Immutable.
 */
public record EventType<E extends DomainEvent>(String tag, Class<E> type, Function<E, String> entity) {

    public EventType {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entity, "entity");
        if (!tag.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("type tag must be lower-case kebab: " + tag);
        }
    }

    public static <E extends DomainEvent> EventType<E> of(String tag, Class<E> type, Function<E, String> entity) {
        return new EventType<>(tag, type, entity);
    }

    String entityOf(DomainEvent event) {
        return entity.apply(type.cast(event));
    }
}
