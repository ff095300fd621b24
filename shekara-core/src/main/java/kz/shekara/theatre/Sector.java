package kz.shekara.theatre;

import java.util.Objects;

/**
 * A stretch of border and the area behind it that one tracker and one set of rules serve.
 * The origin (degrees) is the centre of the sector's local east-north frame; {@code command} is the
 * regional command responsible; {@code neighbour} the country across the border (ISO 3166-1 alpha-2).
 */
public record Sector(String id, String name, String command, String neighbour, Posture posture, double originLat,
                     double originLon) {
    public Sector {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(posture, "posture");
    }
}
