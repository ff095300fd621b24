package kz.shekara.server.theatre;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Theatre;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Loads a theatre folder: {@code theatre.yaml} (name, default marking, time offset, regional commands,
 * the zone files) with GeoJSON zone files and the YAML lists {@code agencies.yaml}, {@code bases.yaml},
 * {@code units.yaml} and {@code sensors.yaml}. Everything is checked and every problem reported at
 * once, each as {@code file:line: message}, in a {@link TheatreException}. Geometry in WGS84 degrees,
 * x = lon, y = lat. Stateless and thread-safe; each call reads the files anew.
 */
public final class TheatreLoader {
    /** The theatre's manifest file in its folder. */
    public static final String MANIFEST = "theatre.yaml";
    /** Where the default theatre sits on the class path (a copy of the repository's theatre/default). */
    public static final String DEFAULT_RESOURCE = "theatre/default";

    private static final Set<String> MANIFEST_KEYS = Set.of("name", "time_zone", "default_marking", "commands",
            "zones", "agencies", "bases", "units", "sensors");

    private TheatreLoader() {
    }

    /** Loads and checks the theatre in {@code dir}. */
    public static Theatre load(Path dir) throws TheatreException {
        return new Load(dir.toString(), file -> Files.newInputStream(dir.resolve(file))).run();
    }

    /** Opens one file of a theatre folder by its name in the manifest; throws NoSuchFileException when it is absent. */
    @FunctionalInterface
    private interface Opener {
        InputStream open(String file) throws IOException;
    }

    /** Loads the default theatre packaged with the server (southern Kazakhstan and the Aktau sector). */
    public static Theatre loadDefault() throws TheatreException {
        return loadResource(TheatreLoader.class.getClassLoader(), DEFAULT_RESOURCE);
    }

    /**
     * Loads a theatre folder from the class path, from a directory or from inside a jar: its files
     * there are read as class-path resources (the class loader's open jar, whose index is already
     * read: opening the jar as a file system would read its tens of thousands of entries again), each
     * file name taken within the folder. Synchronized as loads of the class path have always been.
     */
    static synchronized Theatre loadResource(ClassLoader loader, String folder) throws TheatreException {
        URL url = loader.getResource(folder + "/" + MANIFEST);
        if (url == null) {
            throw new IllegalStateException("theatre missing from the class path: " + folder);
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return load(Path.of(uri).getParent());
            }
            String where = url.toString().substring(0, url.toString().length() - MANIFEST.length() - 1);
            return new Load(where, file -> {
                InputStream in = loader.getResourceAsStream(folder + "/" + file);
                if (in == null) {
                    throw new NoSuchFileException(where + "/" + file);
                }
                return in;
            }).run();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot open the theatre at " + url, e);
        }
    }

    /** One load: the folder, the problems found so far, and the files in reporting order. */
    private static final class Load {
        private final String where;
        private final Opener opener;
        private final Problems problems = new Problems();
        private final List<String> files = new ArrayList<>();
        private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        private final ObjectMapper json = new ObjectMapper();

        Load(String where, Opener opener) {
            this.where = where;
            this.opener = opener;
        }

        Theatre run() throws TheatreException {
            SourceNode root = read(MANIFEST);
            if (root != null && !(root instanceof SourceNode.Obj)) {
                problems.add(MANIFEST, root.line(), "expected a mapping (name, time_zone, default_marking, ...)");
            }
            Item manifest = new Item(MANIFEST, "theatre",
                    root instanceof SourceNode.Obj o ? o : new SourceNode.Obj(1, Map.of()), problems);
            manifest.allowOnly(MANIFEST_KEYS);
            String name = manifest.text("name", true);
            ZoneOffset offset = offset(manifest);
            Marking marking = marking(manifest);
            Item markingItem = manifest.raw("default_marking") instanceof SourceNode.Obj o
                    ? new Item(MANIFEST, "default_marking", o, problems) : null;
            Map<String, Item> commandItems = new LinkedHashMap<>();
            List<Command> commands = commands(manifest, marking == null ? "" : marking.originator(), commandItems);
            var agencies = AssetFiles.read(list(manifest, "agencies"), "agency", AssetFiles::agency);
            var zones = new ArrayList<ZoneFile.Entry>();
            GeoJsonGeometry geometries = new GeoJsonGeometry(new GeometryFactory());
            for (String file : manifest.texts("zones")) {
                zones.addAll(ZoneFile.read(file, read(file), geometries, problems));
            }
            if (!manifest.has("zones")) {
                manifest.problem("missing 'zones' (the list of GeoJSON zone files)");
            }
            var bases = AssetFiles.read(list(manifest, "bases"), "base", AssetFiles::base);
            var units = AssetFiles.read(list(manifest, "units"), "unit", AssetFiles::unit);
            var sensors = AssetFiles.read(list(manifest, "sensors"), "sensor", AssetFiles::sensor);
            Theatre theatre = new CrossCheck(problems).theatre(name, marking, markingItem, offset, commands, commandItems, agencies, zones,
                    bases, units, sensors);
            if (!problems.isEmpty() || theatre == null) {
                throw new TheatreException(where, problems.sorted(files));
            }
            return theatre;
        }

        private List<Item> list(Item manifest, String key) {
            String file = manifest.has(key) ? manifest.text(key, true) : key + ".yaml";
            return file == null ? List.of() : AssetFiles.items(file, read(file), key, problems);
        }

        private ZoneOffset offset(Item manifest) {
            String tz = manifest.text("time_zone", true);
            try {
                return tz == null ? Theatre.KAZAKHSTAN_TIME : ZoneOffset.of(tz);
            } catch (DateTimeException e) {
                manifest.problem("time_zone", "bad time_zone '" + tz + "' (a UTC offset such as +05:00 expected)");
                return Theatre.KAZAKHSTAN_TIME;
            }
        }

        private Marking marking(Item manifest) {
            if (!(manifest.raw("default_marking") instanceof SourceNode.Obj o)) {
                manifest.problem("default_marking", "missing 'default_marking' (classification, originator, releasable_to)");
                return null;
            }
            Item m = new Item(MANIFEST, "default_marking", o, problems);
            m.allowOnly(Set.of("classification", "originator", "releasable_to", "exercise"));
            Classification c = m.code("classification", s -> Classification.valueOf(AssetFiles.upper(s)),
                    AssetFiles.codes(Classification.values()), true);
            String originator = m.text("originator", true);
            List<String> releasable = m.texts("releasable_to");
            boolean exercise = m.flag("exercise", false);
            if (c == null || originator == null) {
                return null;
            }
            Marking marking = Marking.of(c, originator, releasable);
            return exercise ? marking.asExercise() : marking;
        }

        /** The commands; a command without an agency is the home agency's ({@code home}, the marking's originator). */
        private List<Command> commands(Item manifest, String home, Map<String, Item> items) {
            List<Command> out = new ArrayList<>();
            if (!(manifest.raw("commands") instanceof SourceNode.Arr arr)) {
                manifest.problem("commands", "missing 'commands' (the list of regional commands)");
                return out;
            }
            for (int i = 0; i < arr.items().size(); i++) {
                if (!(arr.items().get(i) instanceof SourceNode.Obj o)) {
                    problems.add(MANIFEST, arr.items().get(i).line(), "commands[" + i + "]: expected a mapping");
                    continue;
                }
                Item c = new Item(MANIFEST, "commands[" + i + "]", o, problems);
                c.allowOnly(Set.of("id", "name", "name_kk", "name_ru", "region", "hq_lat", "hq_lon", "agency", "note"));
                String id = c.text("id", true);
                c = id == null ? c : c.named("command " + id);
                String name = c.text("name", true);
                String region = c.text("region", true);
                double lat = c.number("hq_lat", -90, 90, true);
                double lon = c.number("hq_lon", -180, 180, true);
                if (id != null && name != null && region != null && !Double.isNaN(lat + lon)) {
                    if (out.stream().anyMatch(x -> x.id().equals(id))) {
                        c.problem("id", "duplicate command id '" + id + "'");
                    } else {
                        String agency = c.has("agency") ? c.text("agency", true) : home;
                        out.add(new Command(id, name, region, lat, lon, agency == null ? home : agency));
                        items.put(id, c);
                    }
                }
            }
            return out;
        }

        /** Parses a YAML or (for .geojson/.json) JSON file; a missing or malformed file is a problem (and null). */
        private SourceNode read(String file) {
            files.add(file);
            boolean isJson = file.endsWith(".geojson") || file.endsWith(".json");
            ObjectMapper mapper = isJson ? json : yaml;
            try (InputStream in = opener.open(file); JsonParser p = mapper.getFactory().createParser(in)) {
                return SourceNode.read(p, mapper, isJson ? Set.of("geometry") : Set.of(), file, problems);
            } catch (NoSuchFileException e) {
                problems.add(file, 0, "file not found");
            } catch (JsonProcessingException e) {
                problems.add(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        "cannot parse: " + e.getOriginalMessage());
            } catch (IOException e) {
                problems.add(file, 0, "cannot read: " + e);
            }
            return null;
        }
    }
}
