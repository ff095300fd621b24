package kz.shekara.server.api;

import static kz.shekara.server.api.GeoJson.NODES;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.review.Picture;
import kz.shekara.server.view.TrackView;
import kz.shekara.theatre.Unit;

/**
 * JSON of a {@link Picture} from the log: {@code {"at", "from", "tracks": [...], "units": [...],
 * "alerts": [...], "incidents": [...]}}, each item as the live API writes it (tracks with their
 * trail as [lon, lat] pairs), optionally only what lies inside a bounding box. Deterministic: the
 * same picture gives the same bytes. Stateless; thread-safe.
 */
final class PictureJson {
    /** A WGS84 box, degrees: west, south, east, north. */
    record Box(double west, double south, double east, double north) {
        boolean contains(double lat, double lon) {
            return lat >= south && lat <= north && lon >= west && lon <= east;
        }
    }

    private final AlertJson alerts;
    private final Map<String, Unit> defs;

    PictureJson(ObjectMapper mapper, Map<String, Unit> defs) {
        this.alerts = new AlertJson(mapper);
        this.defs = defs;
    }

    ObjectNode picture(Picture p, Box box) {
        ObjectNode o = NODES.objectNode();
        o.put("at", p.at().toString());
        o.put("from", p.from().toString());
        ArrayNode tracks = o.putArray("tracks");
        for (TrackView t : p.tracks()) {
            if (box == null || box.contains(t.latest().lat(), t.latest().lon())) {
                tracks.add(EventJson.track(t));
            }
        }
        ArrayNode units = o.putArray("units");
        for (UnitPosition u : p.units()) {
            if (box == null || box.contains(u.lat(), u.lon())) {
                units.add(EventJson.unit(u.unit(), defs.get(u.unit()), u, u.marking()));
            }
        }
        ArrayNode as = o.putArray("alerts");
        for (AlertBook.Entry a : p.alerts()) {
            if (box == null || box.contains(a.alert().lat(), a.alert().lon())) {
                as.add(alerts.alert(a));
            }
        }
        ArrayNode is = o.putArray("incidents");
        for (Incident i : p.incidents()) {
            if (box == null || box.contains(i.lat(), i.lon())) {
                is.add(alerts.incident(i));
            }
        }
        return o;
    }
}
