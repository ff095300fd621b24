package kz.shekara.server.theatre;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import kz.shekara.model.Classification;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.BaseKind;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;

/**
 * Reads the YAML lists of a theatre: {@code bases}, {@code units}, {@code sensors}, {@code agencies}.
 * Each entry becomes a record when all its fields are valid; cross references are checked later by
 * {@link TheatreLoader}. Speeds are given in km/h, durations in ISO-8601, distances in metres or km as
 * the key says.
 */
final class AssetFiles {
    static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    /** An entry as read; {@code value} is null when the entry had problems. */
    record Entry<T>(Item item, String id, T value) {
    }

    private AssetFiles() {
    }

    /** The items of the list under {@code key} at the top of the file. */
    static List<Item> items(String file, SourceNode root, String key, Problems problems) {
        List<Item> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof SourceNode.Obj obj) || !(obj.fields().get(key) instanceof SourceNode.Arr arr)) {
            problems.add(file, root.line(), "expected a top-level list '" + key + ":'");
            return out;
        }
        obj.fields().forEach((k, v) -> {
            if (!k.equals(key)) {
                problems.add(file, v.line(), "unknown top-level key '" + k + "'");
            }
        });
        for (int i = 0; i < arr.items().size(); i++) {
            SourceNode n = arr.items().get(i);
            if (n instanceof SourceNode.Obj o) {
                out.add(new Item(file, key + "[" + i + "]", o, problems));
            } else {
                problems.add(file, n.line(), key + "[" + i + "]: expected a mapping");
            }
        }
        return out;
    }

    static <T> List<Entry<T>> read(List<Item> items, String noun, BiFunction<Item, String, T> reader) {
        List<Entry<T>> out = new ArrayList<>();
        for (Item raw : items) {
            String id = raw.text("id", true);
            Item item = id == null ? raw : raw.named(noun + " " + id);
            out.add(new Entry<>(item, id, reader.apply(item, id)));
        }
        return out;
    }

    static Base base(Item i, String id) {
        i.allowOnly(Set.of("id", "name", "name_kk", "name_ru", "kind", "command", "lat", "lon", "note"));
        String name = i.text("name", true);
        Map<String, String> names = localNames(i);
        BaseKind kind = i.code("kind", s -> BaseKind.valueOf(upper(s)), codes(BaseKind.values()), true);
        String command = i.text("command", true);
        double lat = i.number("lat", -90, 90, true);
        double lon = i.number("lon", -180, 180, true);
        return allSet(id, name, kind, command) && !Double.isNaN(lat + lon)
                ? new Base(id, name, kind, command, lat, lon, names) : null;
    }

    static Unit unit(Item i, String id) {
        i.allowOnly(Set.of("id", "callsign", "kind", "base", "command", "speed_kmh", "off_road_kmh", "readiness",
                "endurance_km", "language", "note"));
        String callsign = i.text("callsign", true);
        UnitKind kind = i.code("kind", s -> UnitKind.valueOf(upper(s)), codes(UnitKind.values()), true);
        String base = i.text("base", true);
        String command = i.text("command", false);
        double speed = i.positive("speed_kmh", true);
        boolean ground = kind == UnitKind.FOOT_PATROL || kind == UnitKind.GROUND_VEHICLE;
        double offRoad = i.has("off_road_kmh") || ground ? i.positive("off_road_kmh", true) : speed;
        Duration readiness = i.duration("readiness", true);
        double endurance = i.positive("endurance_km", true);
        String language = i.text("language", true);
        if (language != null && !LANGUAGES.contains(language)) {
            i.problem("language", "unknown language '" + language + "' (one of kk, ru, en)");
            language = null;
        }
        return allSet(id, callsign, kind, base, readiness, language) && !Double.isNaN(speed + offRoad + endurance)
                ? new Unit(id, callsign, kind, base, command, speed / 3.6, offRoad / 3.6, readiness, endurance, language)
                : null;
    }

    static Sensor sensor(Item i, String id) {
        i.allowOnly(Set.of("id", "kind", "name", "name_kk", "name_ru", "sector", "zone", "lat", "lon", "range_m", "sigma_m",
                "period", "pd", "false_alarms_per_scan", "note"));
        SensorKind kind = i.code("kind", SensorKind::fromCode, codes(SensorKind.values()), true);
        String name = i.text("name", true);
        Map<String, String> names = localNames(i);
        String sector = i.text("sector", true);
        double lat = i.number("lat", -90, 90, true);
        double lon = i.number("lon", -180, 180, true);
        double range = i.positive("range_m", true);
        double sigma = i.positive("sigma_m", true);
        Duration period = i.duration("period", true);
        if (period != null && period.isZero()) {
            i.problem("period", "'period' must be > 0");
            period = null;
        }
        double pd = i.number("pd", 0, 1, true);
        double fa = i.number("false_alarms_per_scan", 0, 1e6, true);
        return allSet(id, kind, name, sector, period) && !Double.isNaN(lat + lon + range + sigma + pd + fa)
                ? new Sensor(id, kind, name, sector, lat, lon, range, sigma, period, pd, fa, names) : null;
    }

    /** An asset's names in Kazakh and Russian ({@code name_kk}, {@code name_ru}), those given. */
    private static Map<String, String> localNames(Item i) {
        Map<String, String> names = new TreeMap<>();
        for (String lang : List.of("kk", "ru")) {
            String n = i.text("name_" + lang, false);
            if (n != null) {
                names.put(lang, n);
            }
        }
        return names;
    }

    static Agency agency(Item i, String id) {
        i.allowOnly(Set.of("id", "name", "name_kk", "name_ru", "clearance", "role", "note", "redact"));
        String name = i.text("name", true);
        Classification clearance = i.code("clearance", s -> Classification.valueOf(upper(s)),
                codes(Classification.values()), true);
        String role = i.text("role", true);
        if (role != null && !role.equals("home") && !role.equals("partner")) {
            i.problem("role", "unknown role '" + role + "' (home or partner)");
        }
        java.util.EnumSet<Redaction> redact = java.util.EnumSet.noneOf(Redaction.class);
        for (String r : i.texts("redact")) {
            try {
                redact.add(Redaction.valueOf(upper(r)));
            } catch (IllegalArgumentException e) {
                i.problem("redact", "unknown redaction '" + r + "' (one of " + String.join(", ", codes(Redaction.values())) + ")");
            }
        }
        return allSet(id, name, clearance) ? new Agency(id, name, clearance, redact) : null;
    }

    private static boolean allSet(Object... values) {
        return Arrays.stream(values).allMatch(v -> v != null);
    }

    static String upper(String s) {
        return s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    static List<String> codes(Enum<?>[] values) {
        return Arrays.stream(values).map(Item::lower).toList();
    }
}
