package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import kz.shekara.incident.DetectionProbability;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.AlertState;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentStatus;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.model.Release;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.Viewer;
import java.util.Map;
import kz.shekara.theatre.Posture;

/**
 * The alert, incident and posture routes of the REST API, on a {@link RulesService}:
 * <ul>
 * <li>{@code GET /api/v1/alerts?state=raised|acknowledged|closed&limit=N} — newest first;
 * {@code GET /api/v1/alerts/{id}}</li>
 * <li>{@code POST /api/v1/alerts/{id}/ack} {@code {"by"}}; {@code POST /api/v1/alerts/{id}/close}
 * {@code {"by", "disposition": confirmed|false-alarm|duplicate|exercise, "note"}}</li>
 * <li>{@code GET /api/v1/incidents?open=true}, {@code GET /api/v1/incidents/{id}} (with its timeline),
 * {@code GET /api/v1/incidents/{id}/timeline} (the changes with the incident's state after each);
 * {@code PUT /api/v1/incidents/{id}/status} {@code {"status", "by", "unit", "note", "disposition"}}</li>
 * <li>{@code GET /api/v1/sectors/posture}; {@code PUT /api/v1/sectors/{id}/posture} {@code {"posture", "by", "reason"}}</li>
 * <li>The actor of every command is the authenticated caller ({@link Caller}); a {@code by} in the
 * body is accepted for older clients and ignored.</li>
 * <li>{@code GET /api/v1/stats/alerts} — false-alarm rate and catch share per rule and sensor</li>
 * </ul>
 * Reads show only what the request's viewer may see. Invalid requests get 400 (bad body or
 * parameter), 404 (unknown id) or 409 (lifecycle refuses the step) with {@code {"error", "detail"}},
 * counted in {@code shekara.adapter.rejections{adapter=api,reason}}. Thread-safe.
 */
public final class AlertsApi {
    private static final int MAX_LIMIT = 10_000;
    private final RulesService rules;
    private final Function<Context, Viewer> viewers;
    private final java.util.function.Supplier<DetectionProbability> detection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AlertJson json = new AlertJson(mapper);
    private final Redactor redactor;

    /** @param viewers who is asking (ApiServer's viewer resolution); reads are filtered by it */
    public AlertsApi(RulesService rules, Function<Context, Viewer> viewers) {
        this(rules, viewers, () -> null);
    }

    /**
     * @param detection the sensors' measured probability of detection when the feed has truth (the
     *                  exercise scenario), else a supplier of null
     */
    public AlertsApi(RulesService rules, Function<Context, Viewer> viewers,
                     java.util.function.Supplier<DetectionProbability> detection) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.detection = Objects.requireNonNull(detection, "detection");
        this.redactor = new Redactor(rules.theatre());
    }

    /** Every caller is the home agency's operator; sensors' Pd from {@code detection}. */
    public AlertsApi(RulesService rules,
                     java.util.function.Supplier<DetectionProbability> detection) {
        this(rules, ctx -> Viewer.home(rules.theatre().defaultMarking().originator()), detection);
    }

    /** Every caller is the theatre's home agency's operator. */
    public AlertsApi(RulesService rules) {
        this(rules, ctx -> Viewer.home(rules.theatre().defaultMarking().originator()));
    }

    public void register(Javalin app) {
        app.get("/api/v1/alerts", ctx -> alerts(ctx));
        app.get("/api/v1/alerts/{id}", ctx -> alert(ctx));
        app.post("/api/v1/alerts/{id}/ack", ctx -> {
            JsonNode body = body(ctx, Set.of("by"));
            rules.acknowledge(ctx.pathParam("id"), Caller.of(ctx).name());
            alert(ctx);
        });
        app.post("/api/v1/alerts/{id}/close", ctx -> {
            JsonNode body = body(ctx, Set.of("by", "disposition", "note"));
            Disposition d = code(text(body, "disposition", true), Disposition::fromCode, "disposition");
            rules.close(ctx.pathParam("id"), Caller.of(ctx).name(), d, text(body, "note", false));
            alert(ctx);
        });
        app.get("/api/v1/incidents", ctx -> incidents(ctx));
        app.get("/api/v1/incidents/{id}", ctx -> send(ctx, json.incident(redactor.apply(viewers.apply(ctx), incident(ctx)))));
        app.get("/api/v1/incidents/{id}/timeline", ctx -> timeline(ctx));
        app.put("/api/v1/incidents/{id}/status", ctx -> {
            JsonNode body = body(ctx, Set.of("status", "by", "unit", "note", "disposition"));
            IncidentStatus s = code(text(body, "status", true), IncidentStatus::fromCode, "status");
            String d = text(body, "disposition", false);
            rules.changeIncident(ctx.pathParam("id"), s, text(body, "unit", false), Caller.of(ctx).name(),
                    text(body, "note", false), d == null ? null : code(d, Disposition::fromCode, "disposition"));
            send(ctx, json.incident(incident(ctx)));
        });
        app.get("/api/v1/sectors/posture", ctx -> send(ctx, json.postures(own(ctx) ? rules.postures() : Map.of())));
        app.put("/api/v1/sectors/{id}/posture", ctx -> {
            JsonNode body = body(ctx, Set.of("posture", "by", "reason"));
            Posture p = code(text(body, "posture", true), Posture::fromCode, "posture");
            String sector = ctx.pathParam("id");
            if (!rules.postures().containsKey(sector)) {
                throw new ApiError(404, "not-found", "no sector " + sector);
            }
            rules.setPosture(sector, p, Caller.of(ctx).name(), text(body, "reason", true));
            send(ctx, json.postures(rules.postures()));
        });
        app.get("/api/v1/stats/alerts", ctx -> {
            if (!own(ctx)) {
                throw new ApiError(403, "not-releasable", "alert statistics cover all alerts: they are not released to "
                        + viewers.apply(ctx).agency());
            }
            DetectionProbability pd = detection.get();
            send(ctx, json.statistics(rules.statistics(), pd == null ? null : pd.snapshot()));
        });
    }

    private void alerts(Context ctx) {
        only(ctx, Set.of("state", "limit"));
        String state = ctx.queryParam("state");
        AlertState wanted = state == null ? null : code(state, s -> AlertState.valueOf(s.toUpperCase(java.util.Locale.ROOT)), "state");
        int limit = QueryParams.limit(ctx, MAX_LIMIT);
        Viewer v = viewers.apply(ctx);
        ArrayNode out = mapper.createArrayNode();
        for (AlertBook.Entry e : rules.alerts()) {
            if (out.size() >= limit) {
                break;
            }
            if ((wanted == null || e.state() == wanted) && v.maySee(e.alert())) {
                out.add(json.alert(redactor.apply(v, e)));
            }
        }
        send(ctx, out);
    }

    private void alert(Context ctx) {
        String id = ctx.pathParam("id");
        Viewer v = viewers.apply(ctx);
        AlertBook.Entry e = rules.alerts().stream().filter(x -> x.id().equals(id) && v.maySee(x.alert()))
                .findFirst().orElseThrow(() -> new ApiError(404, "not-found", "no alert " + id));
        send(ctx, json.alert(redactor.apply(v, e)));
    }

    private void incidents(Context ctx) {
        only(ctx, Set.of("open", "limit"));
        boolean openOnly = "true".equals(ctx.queryParam("open"));
        int limit = QueryParams.limit(ctx, MAX_LIMIT);
        Viewer v = viewers.apply(ctx);
        ArrayNode out = mapper.createArrayNode();
        for (Incident i : rules.incidents()) {
            if (out.size() >= limit) {
                break;
            }
            if ((!openOnly || !i.status().terminal()) && v.maySee(i.marking(), subject(i))) {
                out.add(json.incident(redactor.apply(v, i)));
            }
        }
        send(ctx, out);
    }

    /** Every change of one incident, oldest first, with the incident's state after each. */
    private void timeline(Context ctx) {
        only(ctx, Set.of());
        Incident i = redactor.apply(viewers.apply(ctx), incident(ctx));
        ObjectNode o = mapper.createObjectNode().put("incident", i.id()).put("status", i.status().code());
        ArrayNode steps = o.putArray("timeline");
        i.timeline().forEach(e -> steps.add(json.timelineStep(e)));
        send(ctx, o);
    }

    private Incident incident(Context ctx) {
        String id = ctx.pathParam("id");
        Viewer v = viewers.apply(ctx);
        return rules.incidents().stream().filter(i -> i.id().equals(id) && v.maySee(i.marking(), subject(i))).findFirst()
                .orElseThrow(() -> new ApiError(404, "not-found", "no incident " + id));
    }

    private static Release.Subject subject(Incident i) {
        return new Release.Subject(Release.Kind.INCIDENT, i.id());
    }

    /** Whether the caller may see the home agency's own picture as a whole (postures, statistics). */
    private boolean own(Context ctx) {
        return viewers.apply(ctx).maySee(rules.theatre().defaultMarking());
    }


    private void send(Context ctx, JsonNode body) {
        ctx.contentType("application/json");
        ctx.result(body.toString());
    }

    private JsonNode body(Context ctx, Set<String> known) {
        JsonNode n;
        try {
            n = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ApiError(400, "malformed-json", "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new ApiError(400, "unknown-field", "unknown field '" + f + "' (known: " + known.stream().sorted().toList() + ")");
            }
        });
        return n;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ApiError(400, "missing-field", "missing field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new ApiError(400, "bad-field", "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static <T> T code(String value, Function<String, T> parse, String field) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad-field", "unknown " + field + " '" + value + "'");
        }
    }

    private static void only(Context ctx, Set<String> known) {
        for (String p : ctx.queryParamMap().keySet()) {
            if (!known.contains(p)) {
                throw new ApiError(400, "unknown-parameter", "unknown query parameter '" + p + "'");
            }
        }
    }
}
