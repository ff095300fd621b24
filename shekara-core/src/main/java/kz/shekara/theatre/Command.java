package kz.shekara.theatre;

import java.util.Objects;

/**
 * A regional command of the border service (or its coast guard directorate) that sectors, bases and
 * units belong to. {@code hqLat}/{@code hqLon} (degrees) locate its headquarters.
 */
public record Command(String id, String name, String region, double hqLat, double hqLon) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
    }
}
