package kz.shekara.theatre;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.model.Marking;

/**
 * A theatre of operations: its zones, sectors, sensors, bases, units and partner agencies, the
 * marking given to events whose feed carries none, its regional commands and the civil time offset
 * shown to operators (event times stay UTC instants). Immutable once loaded.
 */
public record Theatre(String name, Marking defaultMarking, List<Sector> sectors, List<Zone> zones,
                      List<Sensor> sensors, List<Base> bases, List<Unit> units, List<Agency> agencies,
                      List<Command> commands, ZoneOffset timeZone) {

    /** Kazakhstan's civil time since 1 March 2024 (UTC+05:00, no daylight saving). */
    public static final ZoneOffset KAZAKHSTAN_TIME = ZoneOffset.ofHours(5);

    public Theatre {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultMarking, "defaultMarking");
        Objects.requireNonNull(timeZone, "timeZone");
        commands = List.copyOf(commands);
        sectors = List.copyOf(sectors);
        zones = List.copyOf(zones);
        sensors = List.copyOf(sensors);
        bases = List.copyOf(bases);
        units = List.copyOf(units);
        agencies = List.copyOf(agencies);
    }

    /** A theatre without regional commands, on Kazakhstan time: for tests and generated scenarios. */
    public Theatre(String name, Marking defaultMarking, List<Sector> sectors, List<Zone> zones,
                   List<Sensor> sensors, List<Base> bases, List<Unit> units, List<Agency> agencies) {
        this(name, defaultMarking, sectors, zones, sensors, bases, units, agencies, List.of(), KAZAKHSTAN_TIME);
    }

    public Optional<Sector> sector(String id) {
        return sectors.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Base> base(String id) {
        return bases.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<Unit> unit(String id) {
        return units.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public Optional<Command> command(String id) {
        return commands.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Zone> zones(ZoneKind kind) {
        return zones.stream().filter(z -> z.kind() == kind).toList();
    }
}
