package kz.shekara.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.UnitKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Reads the GeoJSON fixtures beside the tests and builds unit states. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The geometries of a fixture's features, in file order. */
    public static List<Geometry> geometries(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            Geometry all = new GeoJsonReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Geometry> out = new ArrayList<>();
            for (int i = 0; i < all.getNumGeometries(); i++) {
                out.add(all.getGeometryN(i));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Geometry union(String name) {
        return geometries(name).stream().reduce(Geometry::union).orElseThrow();
    }

    public static UnitState unit(String id, UnitKind kind, double lat, double lon, double speedMps, double offRoadMps,
                          double launchS) {
        return new UnitState(id, kind, lat, lon, UnitStatus.AVAILABLE, speedMps, offRoadMps, launchS,
                Double.POSITIVE_INFINITY, "south", "south", null);
    }
}
