package kz.shekara.theatre;

import java.util.Objects;

/**
 * A command that sectors, bases and units belong to or pass under: a regional command of the border
 * service (or its coast guard directorate), or a command of another agency, such as the defence
 * ministry's, that takes operational control of border units in a declared crisis. {@code agency}
 * is the theatre agency whose operators work under it; {@code hqLat}/{@code hqLon} (degrees) locate
 * its headquarters. Immutable.
 */
public record Command(String id, String name, String region, double hqLat, double hqLon, String agency) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(agency, "agency");
    }
}
