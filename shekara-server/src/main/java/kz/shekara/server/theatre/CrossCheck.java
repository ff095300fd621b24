package kz.shekara.server.theatre;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;

/**
 * The checks across a theatre's files: unique ids per kind of object and references that resolve
 * (zone and sensor to sector, sector and base to command, unit to base and command, sensor to zone,
 * the default marking to agencies). Assembles the {@link Theatre} when everything resolves. Not thread-safe.
 */
final class CrossCheck {
    private final Problems problems;

    CrossCheck(Problems problems) {
        this.problems = problems;
    }

    Theatre theatre(String name, Marking marking, Item markingItem, ZoneOffset offset, List<Command> commands,
                    Map<String, Item> commandItems,
                    List<AssetFiles.Entry<Agency>> agencies, List<ZoneFile.Entry> zones,
                    List<AssetFiles.Entry<Base>> bases, List<AssetFiles.Entry<Unit>> units,
                    List<AssetFiles.Entry<Sensor>> sensors) {
        Set<String> commandIds = commands.stream().map(Command::id).collect(Collectors.toSet());
        Map<String, Agency> agencyById = unique(agencies, "agency");
        checkHome(agencies, markingItem);
        for (Command c : commands) {
            Item item = commandItems.get(c.id());
            if (item != null && item.has("agency")) {
                ref(item, "agency", c.agency(), agencyById.keySet(), "agency");
            }
        }
        Map<String, ZoneFile.Entry> zoneById = uniqueZones(zones);
        Map<String, Sector> sectors = new LinkedHashMap<>();
        for (ZoneFile.Entry z : zones) {
            if (z.kind() == ZoneKind.SECTOR) {
                if (z.sector() != null) {
                    sectors.putIfAbsent(z.sector().id(), z.sector());
                }
                ref(z.item(), "command", z.commandRef(), commandIds, "command");
            }
        }
        Set<String> sectorIds = zones.stream().filter(z -> z.kind() == ZoneKind.SECTOR && z.id() != null)
                .map(ZoneFile.Entry::id).collect(Collectors.toSet());
        for (ZoneFile.Entry z : zones) {
            if (z.kind() != ZoneKind.SECTOR) {
                ref(z.item(), "sector", z.sectorRef(), sectorIds, "sector");
            }
        }
        Map<String, Base> baseById = unique(bases, "base");
        bases.forEach(b -> ref(b.item(), "command", b.item().text("command", false), commandIds, "command"));
        List<Unit> resolvedUnits = units(units, baseById, commandIds);
        unique(sensors, "sensor");
        for (AssetFiles.Entry<Sensor> s : sensors) {
            ref(s.item(), "sector", s.item().text("sector", false), sectorIds, "sector");
            ref(s.item(), "zone", s.item().text("zone", false), zoneById.keySet(), "zone");
        }
        if (markingItem != null) {
            for (String a : markingItem.texts("releasable_to")) {
                if (!agencyById.containsKey(a)) {
                    markingItem.problem("releasable_to", "releasable_to names agency '" + a + "', which is not defined");
                }
            }
        }
        if (!problems.isEmpty() || name == null || marking == null) {
            return null;
        }
        List<Zone> zoneList = zones.stream().map(ZoneFile.Entry::zone).toList();
        return new Theatre(name, marking, List.copyOf(sectors.values()), zoneList, values(sensors), values(bases),
                resolvedUnits, values(agencies), commands, offset);
    }

    /** Checks each unit's base and command; a unit without a command takes its base's. */
    private List<Unit> units(List<AssetFiles.Entry<Unit>> units, Map<String, Base> baseById, Set<String> commandIds) {
        unique(units, "unit");
        List<Unit> resolved = new ArrayList<>();
        for (AssetFiles.Entry<Unit> u : units) {
            boolean baseOk = ref(u.item(), "base", u.item().text("base", false), baseById.keySet(), "base");
            boolean commandOk = ref(u.item(), "command", u.item().text("command", false), commandIds, "command");
            Unit unit = u.value();
            if (unit != null && baseOk && commandOk) {
                String command = unit.command() != null ? unit.command() : baseById.get(unit.base()).command();
                resolved.add(new Unit(unit.id(), unit.callsign(), unit.kind(), unit.base(), command,
                        unit.speedMps(), unit.offRoadSpeedMps(), unit.readiness(), unit.enduranceKm(),
                        unit.language()));
            }
        }
        return resolved;
    }

    private void checkHome(List<AssetFiles.Entry<Agency>> agencies, Item markingItem) {
        List<AssetFiles.Entry<Agency>> homes = agencies.stream()
                .filter(a -> "home".equals(a.item().text("role", false))).toList();
        if (homes.size() != 1) {
            problems.add("agencies.yaml", 0, "exactly one agency must have role 'home', found " + homes.size());
        } else if (markingItem != null && markingItem.has("originator")
                && !homes.get(0).id().equals(markingItem.text("originator", false))) {
            markingItem.problem("originator", "originator '" + markingItem.text("originator", false)
                    + "' is not the home agency '" + homes.get(0).id() + "'");
        }
    }

    private static <T> List<T> values(List<AssetFiles.Entry<T>> entries) {
        return entries.stream().map(AssetFiles.Entry::value).filter(Objects::nonNull).toList();
    }

    private <T> Map<String, T> unique(List<AssetFiles.Entry<T>> entries, String noun) {
        Map<String, AssetFiles.Entry<T>> first = new LinkedHashMap<>();
        Map<String, T> out = new LinkedHashMap<>();
        for (AssetFiles.Entry<T> e : entries) {
            if (e.id() == null) {
                continue;
            }
            AssetFiles.Entry<T> prior = first.putIfAbsent(e.id(), e);
            if (prior != null) {
                e.item().problem("id", "duplicate " + noun + " id '" + e.id() + "' (first at line " + prior.item().line() + ")");
            } else if (e.value() != null) {
                out.put(e.id(), e.value());
            }
        }
        return out;
    }

    private Map<String, ZoneFile.Entry> uniqueZones(List<ZoneFile.Entry> zones) {
        Map<String, ZoneFile.Entry> first = new LinkedHashMap<>();
        for (ZoneFile.Entry z : zones) {
            if (z.id() == null) {
                continue;
            }
            ZoneFile.Entry prior = first.putIfAbsent(z.id(), z);
            if (prior != null) {
                z.item().problem("id", "duplicate zone id '" + z.id() + "' (first at " + prior.item().file() + ":"
                        + prior.item().line() + ")");
            }
        }
        return first;
    }

    /** Reports a reference that names nothing; true when it resolves (or is absent). */
    private boolean ref(Item item, String key, String value, Set<String> known, String noun) {
        if (value == null || known.contains(value)) {
            return true;
        }
        item.problem(key, noun + " '" + value + "' is not defined");
        return false;
    }
}
