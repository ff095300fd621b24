package kz.shekara.theatre;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.model.Marking;

/**
 * A theatre of operations: its zones, sectors, sensors, bases, units and partner agencies, and the
 * marking given to events whose feed carries none. Immutable once loaded.
 */
public record Theatre(String name, Marking defaultMarking, List<Sector> sectors, List<Zone> zones,
                      List<Sensor> sensors, List<Base> bases, List<Unit> units, List<Agency> agencies) {
    public Theatre {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultMarking, "defaultMarking");
        sectors = List.copyOf(sectors);
        zones = List.copyOf(zones);
        sensors = List.copyOf(sensors);
        bases = List.copyOf(bases);
        units = List.copyOf(units);
        agencies = List.copyOf(agencies);
    }

    public Optional<Sector> sector(String id) {
        return sectors.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Base> base(String id) {
        return bases.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public List<Zone> zones(ZoneKind kind) {
        return zones.stream().filter(z -> z.kind() == kind).toList();
    }
}
