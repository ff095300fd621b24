package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import kz.shekara.model.Detection;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.TrackView;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.ZoneKind;

/**
 * The read routes of the REST API, each a GeoJSON FeatureCollection (content type
 * application/geo+json) or JSON: {@code /api/v1/theatre}, {@code /units}, {@code /units/{id}},
 * {@code /zones?kind=}, {@code /sensors}, {@code /bases}, {@code /detections?since=&limit=},
 * {@code /tracks}, {@code /messages}. Every query is made for the request's {@link Viewer}.
 * Unknown query parameters are refused. Stateless apart from its collaborators; thread-safe.
 */
final class ReadRoutes {
    static final int MAX_LIMIT = 100_000;

    private final Theatre theatre;
    private final LiveState live;
    private final ObjectMapper mapper;
    private final Function<Context, Viewer> viewers;
    private final TheatreFeatures features;
    private final Map<String, Unit> defs = new LinkedHashMap<>();

    private final ApiServer.Postures postures;

    private final Redactor redactor;

    ReadRoutes(Theatre theatre, LiveState live, ObjectMapper mapper, Function<Context, Viewer> viewers,
               ApiServer.Postures postures, Redactor redactor) {
        this.redactor = redactor;
        this.postures = postures;
        this.theatre = theatre;
        this.live = live;
        this.mapper = mapper;
        this.viewers = viewers;
        this.features = new TheatreFeatures(theatre);
        theatre.units().forEach(u -> defs.put(u.id(), u));
    }

    void register(Javalin app) {
        // The theatre's own layers carry its default marking: a reader it does not cover gets none of them.
        app.get("/api/v1/theatre", ctx -> send(ctx, params(ctx), ownLayers(ctx)
                ? features.summary() : mapper.createObjectNode().put("name", theatre.name()), false));
        app.get("/api/v1/zones", ctx -> send(ctx, params(ctx, "kind"), ownLayers(ctx) ? features.zones(kinds(ctx),
                postures.inForce().get(), postures.bufferFactor()) : GeoJson.collection(List.of()), true));
        app.get("/api/v1/sensors", ctx -> send(ctx, params(ctx), ownLayers(ctx)
                && !viewers.apply(ctx).redacts(Redaction.SENSOR) ? features.sensors() : GeoJson.collection(List.of()), true));
        app.get("/api/v1/bases", ctx -> send(ctx, params(ctx), ownLayers(ctx) ? features.bases()
                : GeoJson.collection(List.of()), true));
        app.get("/api/v1/units", ctx -> send(ctx, params(ctx), units(viewers.apply(ctx)), true));
        app.get("/api/v1/units/{id}", ctx -> send(ctx, params(ctx), unit(viewers.apply(ctx), ctx.pathParam("id")), true));
        app.get("/api/v1/detections", ctx -> send(ctx, params(ctx, "since", "limit"), detections(ctx), true));
        app.get("/api/v1/tracks", ctx -> send(ctx, params(ctx), tracks(viewers.apply(ctx)), true));
        app.get("/api/v1/messages", ctx -> send(ctx, params(ctx), messages(viewers.apply(ctx)), false));
    }

    private boolean ownLayers(Context ctx) {
        return viewers.apply(ctx).maySee(theatre.defaultMarking());
    }

    /**
     * Theatre units (at their last report, or at their base until they report, for a reader the
     * theatre's marking covers) and every other reporting unit the reader may see; a unit withheld
     * from the reader's agency appears only as its kind.
     */
    ObjectNode units(Viewer viewer) {
        Map<String, UnitPosition> positions = new LinkedHashMap<>();
        live.units(viewer).forEach(p -> positions.put(p.unit(), p));
        List<ObjectNode> out = new ArrayList<>();
        boolean bases = viewer.maySee(theatre.defaultMarking());
        for (Unit u : theatre.units()) {
            UnitPosition p = positions.remove(u.id());
            ObjectNode f = p != null || bases ? unitFeature(viewer, u.id(), u, p) : null;
            if (f != null) {
                out.add(f);
            }
        }
        positions.values().forEach(p -> out.add(unitFeature(viewer, p.unit(), null, p)));
        return GeoJson.collection(out);
    }

    private ObjectNode unit(Viewer viewer, String id) {
        Unit def = viewer.redacts(Redaction.UNIT) || !viewer.maySee(theatre.defaultMarking()) ? null : defs.get(id);
        UnitPosition p = live.unit(viewer, id).orElse(null);
        ObjectNode f = def == null && p == null ? null : unitFeature(viewer, id, def, p);
        if (f == null) {
            throw new ApiError(404, "not-found", "no unit '" + id + "'");
        }
        return f;
    }

    private ObjectNode unitFeature(Viewer viewer, String id, Unit def, UnitPosition p) {
        if (viewer.redacts(Redaction.UNIT)) {
            return unitFeature(redactor.unit(viewer, id), null, p == null ? null : redactor.apply(viewer, p));
        }
        return unitFeature(id, def, p);
    }

    private ObjectNode unitFeature(String id, Unit def, UnitPosition p) {
        ObjectNode props = EventJson.unit(id, def, p, theatre.defaultMarking());
        if (p != null) {
            return GeoJson.feature(id, GeoJson.point(p.lat(), p.lon()), props);
        }
        if (def == null) {
            return null;
        }
        // A unit tasked before its first report stands at its base with its task's status.
        live.taskedStatus(id).ifPresent(st -> props.put("status", st.code()));
        Base base = def.base() == null ? null : theatre.base(def.base()).orElse(null);
        return base == null ? null : GeoJson.feature(id, GeoJson.point(base.lat(), base.lon()), props);
    }

    private ObjectNode detections(Context ctx) {
        Instant since = null;
        String s = ctx.queryParam("since");
        if (s != null) {
            try {
                since = Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("bad-parameter", "since must be an ISO-8601 instant such as 2026-03-01T06:00:00Z, got '" + s + "'");
            }
        }
        int limit = MAX_LIMIT;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiError.badRequest("bad-parameter", "limit must be an integer in [1, " + MAX_LIMIT + "], got '" + l + "'");
            }
        }
        Viewer viewer = viewers.apply(ctx);
        List<Detection> all = live.detections(viewer, since);
        // The newest `limit` detections, oldest first.
        List<ObjectNode> out = all.subList(Math.max(0, all.size() - limit), all.size()).stream()
                .map(d -> redactor.apply(viewer, d)).map(d -> GeoJson.feature(null, GeoJson.point(d.lat(), d.lon()), EventJson.detection(d))).toList();
        return GeoJson.collection(out);
    }

    private ObjectNode tracks(Viewer viewer) {
        List<ObjectNode> out = new ArrayList<>();
        for (TrackView t : live.tracks(viewer)) {
            t = new TrackView(redactor.apply(viewer, t.latest()), t.trail());
            out.add(GeoJson.feature(t.latest().track(), GeoJson.point(t.latest().lat(), t.latest().lon()), EventJson.track(t)));
        }
        return GeoJson.collection(out);
    }

    private ObjectNode messages(Viewer viewer) {
        ObjectNode o = mapper.createObjectNode();
        var arr = o.putArray("messages");
        live.messages(viewer).forEach(m -> arr.add(EventJson.message(redactor.apply(viewer, m))));
        return o;
    }

    private static List<ZoneKind> kinds(Context ctx) {
        String k = ctx.queryParam("kind");
        if (k == null || k.isBlank()) {
            return List.of();
        }
        List<ZoneKind> out = new ArrayList<>();
        for (String code : k.split(",")) {
            try {
                out.add(ZoneKind.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad-parameter", "unknown zone kind '" + code.strip() + "'");
            }
        }
        return out;
    }

    private static Context params(Context ctx, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String p : ctx.queryParamMap().keySet()) {
            if (!ok.contains(p)) {
                throw ApiError.badRequest("unknown-parameter", "unknown query parameter '" + p + "'"
                        + (ok.isEmpty() ? "" : "; allowed: " + String.join(", ", new java.util.TreeSet<>(ok))));
            }
        }
        return ctx;
    }

    private void send(Context ctx, Context checked, JsonNode body, boolean geo) {
        try {
            ctx.contentType(geo ? "application/geo+json" : "application/json").result(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
