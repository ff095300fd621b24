package kz.shekara.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.AlertState;
import kz.shekara.model.Release;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.TrackView;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Theatre;

/**
 * Partner feeds: {@code GET /api/v1/feeds/{agency}}, a GeoJSON FeatureCollection of what that agency
 * may see now — live tracks and units, alerts not closed and incidents not ended that are its own,
 * releasable or released to it — with its redactions applied, each feature's {@code type} one of
 * {@code track}, {@code unit}, {@code alert}, {@code incident}; and {@code /api/v1/feeds/{agency}/live},
 * the same features as they change, over a WebSocket ({@link PartnerStream}). Only a caller of that
 * agency may read its feed (403 otherwise, 404 for an agency the theatre does not know). Thread-safe.
 */
public final class FeedsApi {
    private final Theatre theatre;
    private final LiveState live;
    private final Supplier<List<AlertBook.Entry>> alerts;
    private final Supplier<List<Incident>> incidents;
    private final Function<Context, Viewer> viewers;
    private final Redactor redactor;
    private final FeedJson json;
    private final PartnerStream stream;

    /**
     * @param alerts    the alert book's entries now (the rules service's)
     * @param incidents the incidents now
     * @param stream    the live stream of the same features
     */
    public FeedsApi(Theatre theatre, LiveState live, Supplier<List<AlertBook.Entry>> alerts,
                    Supplier<List<Incident>> incidents, Function<Context, Viewer> viewers, Redactor redactor,
                    PartnerStream stream) {
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.live = Objects.requireNonNull(live, "live");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.json = stream.json();
    }

    public void register(Javalin app) {
        app.get("/api/v1/feeds/{agency}", ctx -> {
            ReviewApi.only(ctx, Set.of());
            Viewer v = reader(ctx, ctx.pathParam("agency"));
            ctx.contentType("application/geo+json").result(snapshot(v).toString());
        });
        app.wsBeforeUpgrade("/api/v1/feeds/{agency}/live", ctx -> {
            if (!WebGuard.sameOrigin(ctx)) {
                throw new ApiError(403, "foreign-origin", "the feed opens only from the server's own pages or a device");
            }
            reader(ctx, ctx.pathParam("agency"));
        });
        app.ws("/api/v1/feeds/{agency}/live", ws -> {
            ws.onConnect(stream::connect);
            ws.onClose(stream::disconnect);
            ws.onError(stream::disconnect);
        });
    }

    /** The caller as the reader of {@code agency}'s feed: 404 for an unknown agency, 403 for another agency's caller. */
    private Viewer reader(Context ctx, String agency) {
        boolean known = agency.equals(theatre.defaultMarking().originator())
                || theatre.agencies().stream().anyMatch(a -> a.id().equals(agency));
        if (!known) {
            throw new ApiError(404, "not-found", "no agency '" + agency + "'");
        }
        Viewer v = viewers.apply(ctx);
        if (!v.agency().equals(agency)) {
            throw new ApiError(403, "other-agency", "the feed of " + agency + " is not for a caller of " + v.agency());
        }
        return v;
    }

    /** What the viewer may see now, as features. */
    ObjectNode snapshot(Viewer v) {
        List<ObjectNode> out = new ArrayList<>();
        for (TrackView t : live.tracks(v)) {
            out.add(json.feature(redactor.apply(v, t.latest())));
        }
        live.units(v).forEach(p -> out.add(json.feature(redactor.apply(v, p))));
        for (AlertBook.Entry e : alerts.get()) {
            if (e.state() != AlertState.CLOSED && v.maySee(e.alert())) {
                out.add(json.alert(redactor.apply(v, e)));
            }
        }
        for (Incident i : incidents.get()) {
            if (!i.status().terminal() && v.maySee(i.marking(), new Release.Subject(Release.Kind.INCIDENT, i.id()))) {
                out.add(json.incident(redactor.apply(v, i)));
            }
        }
        ObjectNode c = GeoJson.collection(out);
        c.put("agency", v.agency());
        return c;
    }
}
