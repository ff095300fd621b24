package kz.shekara.server.api;

import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.server.response.TaskView;
import kz.shekara.server.response.ResponseService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;
import kz.shekara.model.Refusal;
import kz.shekara.model.Task;
import kz.shekara.routing.GeoPoint;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.theatre.Theatre;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Unit;

/**
 * The response routes of the REST API, on a {@link ResponseService}:
 * <ul>
 * <li>{@code GET /api/v1/incidents/{id}/recommendations[?command=c]} — the ranked units (rank, unit,
 * callsign, kind, {@code eta_s}, {@code distance_m}, intercept {@code lat}/{@code lon}, {@code sigma_m},
 * {@code path} as [lat, lon] pairs, {@code leaves_sector_uncovered}, {@code intercept}), the excluded
 * units with the reason, the target and the incident's task. When no unit can meet the target the
 * list is a pursuit ({@code intercept} false): each unit's arrival at the last point of the target's
 * path inside the area, with the {@code reason} it cannot intercept and {@code late_s} behind the
 * target</li>
 * <li>{@code POST /api/v1/incidents/{id}/dispatch} {@code {"unit", "by"}} — dispatches; 201 with the task (202
 * when the node sends it on to the desk that owns the incident's sector)</li>
 * <li>{@code GET /api/v1/tasks} — the active tasks</li>
 * <li>The actor ({@code by}) of a dispatch is the authenticated caller ({@link Caller}); a {@code by}
 * in the body is accepted for older clients and ignored.</li>
 * </ul>
 * Recommendations and dispatch are as the caller's agency has them: a unit under another agency's
 * command is excluded ({@code not-under-control}) and refused (409). Operational control and crises
 * are {@link ControlApi}'s.
 * Refusals are 400 (bad body), 404 (unknown incident or unit) or 409 (the incident or unit cannot
 * take the task) with {@code {"error", "detail"}}, counted in
 * {@code shekara.adapter.rejections{adapter=api,reason}}. Thread-safe.
 */
public final class ResponseApi {
    private static final int MAX_BODY_BYTES = 4 * 1024;

    private final ResponseService service;
    private final Theatre theatre;
    private final ObjectMapper mapper = new ObjectMapper();

    private final java.util.function.Function<Context, Viewer> viewers;
    private final Redactor redactor;

    /** Every caller is the theatre's home agency's operator. */
    public ResponseApi(ResponseService service, Theatre theatre) {
        this(service, theatre, ctx -> Viewer.home(theatre.defaultMarking().originator()));
    }

    /**
     * @param viewers who is asking: tasks are filtered (and their units redacted) by it; rankings and
     *                unit control (the home agency's own force) need a reader the theatre's marking covers
     */
    public ResponseApi(ResponseService service, Theatre theatre, java.util.function.Function<Context, Viewer> viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.redactor = new Redactor(theatre);
        this.service = Objects.requireNonNull(service, "service");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
    }

    public void register(Javalin app) {
        app.get("/api/v1/incidents/{id}/recommendations", ctx -> {
            for (String p : ctx.queryParamMap().keySet()) {
                if (!p.equals("command")) {
                    throw new ApiError(400, "unknown-parameter", "unknown query parameter '" + p + "'");
                }
            }
            own(ctx);
            String id = ctx.pathParam("id");
            IncidentResponse r = service.recommendations(id, ctx.queryParam("command"), Caller.of(ctx).agency())
                    .orElseThrow(() -> new Refusal.NotFound("no open incident " + id));
            send(ctx, 200, response(r));
        });
        app.post("/api/v1/incidents/{id}/dispatch", ctx -> {
            JsonNode body = body(mapper, ctx, Set.of("unit", "by"));
            Task t = service.dispatch(ctx.pathParam("id"), text(body, "unit"), Caller.of(ctx).name(),
                    Caller.of(ctx).agency());
            if (t == null) { // sent on to the desk that owns the incident's sector (a Kafka api node)
                send(ctx, 202, mapper.createObjectNode().put("incident", ctx.pathParam("id"))
                        .put("unit", text(body, "unit")).put("relayed", true));
                return;
            }
            send(ctx, 201, task(t));
        });
        app.get("/api/v1/tasks", ctx -> {
            ArrayNode out = mapper.createArrayNode();
            Viewer v = viewers.apply(ctx);
            service.tasks().stream().filter(v::maySee).forEach(t -> out.add(task(redactor.apply(v, t))));
            send(ctx, 200, out);
        });
    }

    private ObjectNode response(IncidentResponse r) {
        ObjectNode o = mapper.createObjectNode().put("incident", r.incident()).put("time", r.time().toString());
        o.put("track", r.track());
        o.put("trackEnded", r.trackEnded() == null ? null : r.trackEnded().toString());
        o.putObject("target").put("lat", r.targetLat()).put("lon", r.targetLon());
        Recommendations recs = r.recommendations();
        ArrayNode ranked = o.putArray("recommendations");
        for (Recommendation x : recs.ranked()) {
            ObjectNode n = ranked.addObject().put("rank", x.rank()).put("unit", x.unit())
                    .put("callsign", theatre.unit(x.unit()).map(Unit::callsign).orElse(x.unit()))
                    .put("kind", x.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("eta_s", round(x.etaS())).put("distance_m", round(x.distanceM()))
                    .put("lat", x.lat()).put("lon", x.lon()).put("sigma_m", round(x.sigmaM()))
                    .put("leaves_sector_uncovered", x.leavesSectorUncovered()).put("intercept", x.intercepts());
            if (!x.intercepts()) {
                // Nobody can meet the target: a pursuit to where it leaves the area, and how far behind.
                n.put("reason", x.miss()).put("late_s", round(x.lateS()));
            }
            ArrayNode path = n.putArray("path");
            for (GeoPoint p : x.path()) {
                path.addArray().add(p.lat()).add(p.lon());
            }
        }
        ArrayNode excluded = o.putArray("excluded");
        for (Recommendations.Excluded e : recs.excluded()) {
            ObjectNode x = excluded.addObject().put("unit", e.unit()).put("reason", e.reason());
            if (Double.isFinite(e.lateS())) {
                x.put("late_s", round(e.lateS())); // how far behind the target the unit would arrive
            }
        }
        if (r.task() == null) {
            o.putNull("task");
        } else {
            o.set("task", task(r.task()));
        }
        return o;
    }

    private ObjectNode task(Task t) {
        ObjectNode n = mapper.createObjectNode().put("id", t.id()).put("incident", t.incident()).put("unit", t.unit())
                .put("status", t.status().code()).put("time", t.time().toString()).put("track", t.track())
                .put("lat", t.lat()).put("lon", t.lon()).put("by", t.by()).put("message", t.message());
        if (Double.isFinite(t.etaS())) {
            n.put("eta_s", round(t.etaS()));
        } else {
            n.putNull("eta_s");
        }
        return n;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : -1;
    }


    static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The request's JSON object body, its fields all {@code known}; 400/413 otherwise. */
    static JsonNode body(ObjectMapper mapper, Context ctx, Set<String> known) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "too-large", "body over " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "malformed-json", "the body could not be read");
        }
        if (n == null || !n.isObject()) {
            throw new ApiError(400, "malformed-json", "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new ApiError(400, "unknown-field", "unknown field '" + f + "'");
            }
        });
        return n;
    }

    /** A required non-blank text field; 400 otherwise. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ApiError(400, "missing-field", "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    /** Refuses a reader the theatre's marking does not cover: the home agency's own force is not released. */
    private void own(Context ctx) {
        Viewer v = viewers.apply(ctx);
        if (!v.maySee(theatre.defaultMarking())) {
            throw new ApiError(403, "not-releasable", "the home agency's own force is not released to " + v.agency());
        }
    }
}
