package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;

/**
 * The GeoJSON features of a partner feed, one per track, unit, alert or incident, with
 * {@code properties.type} saying which and the object's marking; built from what a viewer may see,
 * already redacted. Stateless.
 */
final class FeedJson {
    private final AlertJson alerts = new AlertJson(new ObjectMapper());

    /** A feature for a track update, a unit position, an alert or an incident event; null for other events. */
    ObjectNode feature(DomainEvent e) {
        return switch (e) {
            case TrackUpdate t -> GeoJson.feature("track:" + t.track(), GeoJson.point(t.lat(), t.lon()),
                    EventJson.track(t).put("type", "track"));
            case UnitPosition p -> GeoJson.feature("unit:" + p.unit(), GeoJson.point(p.lat(), p.lon()),
                    EventJson.unit(p.unit(), null, p, p.marking()).put("type", "unit"));
            case Alert a -> alert(new AlertBook.Entry(a, kz.shekara.model.AlertState.RAISED, null, null, null, null,
                    null, ""));
            case IncidentEvent i -> incidentEvent(i);
            default -> null;
        };
    }

    ObjectNode alert(AlertBook.Entry e) {
        return GeoJson.feature("alert:" + e.id(), GeoJson.point(e.alert().lat(), e.alert().lon()),
                alerts.alert(e).put("type", "alert"));
    }

    ObjectNode incident(Incident i) {
        ObjectNode props = alerts.incident(i).put("type", "incident");
        props.remove("timeline");
        return GeoJson.feature("incident:" + i.id(), GeoJson.point(i.lat(), i.lon()), props);
    }

    private ObjectNode incidentEvent(IncidentEvent i) {
        ObjectNode props = alerts.timelineStep(i).put("type", "incident").put("id", i.incident())
                .put("sector", i.sector());
        EventJson.marking(props, i.marking());
        return GeoJson.feature("incident:" + i.incident(), GeoJson.point(i.lat(), i.lon()), props);
    }
}
