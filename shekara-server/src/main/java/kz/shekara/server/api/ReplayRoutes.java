package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.AlertState;
import kz.shekara.server.review.LogReplay;
import kz.shekara.server.review.LoggedOutputs;
import kz.shekara.server.review.ReplayState;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.server.view.Viewer;

/**
 * The routes of a replay session's server: the replay's control —
 * {@code GET /api/v1/replay} (period, replay time, speed, paused, ended), {@code POST /api/v1/replay/pause},
 * {@code /resume}, {@code /seek {"at": T}}, {@code /speed {"speed": x}} (0 = as fast as possible) — and
 * read-only alert and incident routes ({@code /api/v1/alerts}, {@code /alerts/{id}}, {@code /incidents},
 * {@code /incidents/{id}}, {@code /incidents/{id}/timeline}, {@code /sectors/posture}, {@code /units/control},
 * {@code /crisis}, {@code /stats/alerts}) served from the logged outputs replayed so far, each filtered for the
 * caller by the markings and by the releases made up to the replay's time. A replay changes nothing: acknowledging, closing,
 * incident and posture changes and chat get 409 {@code replay-read-only}. Thread-safe.
 */
public final class ReplayRoutes {
    private static final int MAX_LIMIT = 10_000;
    private final LogReplay replay;
    private final LoggedOutputs outputs;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AlertJson json = new AlertJson(mapper);

    private final java.util.function.Function<io.javalin.http.Context, Viewer> viewers;
    private final Marking own;
    private final kz.shekara.theatre.Theatre theatre;

    /**
     * @param viewers who is asking: alerts, incidents and crises are filtered by it; postures, unit
     *                control and statistics (the home agency's whole picture) need a reader the
     *                theatre's default marking covers
     */
    public ReplayRoutes(LogReplay replay, LoggedOutputs outputs,
                        java.util.function.Function<io.javalin.http.Context, Viewer> viewers,
                        kz.shekara.theatre.Theatre theatre) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.own = theatre.defaultMarking();
        this.replay = Objects.requireNonNull(replay, "replay");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
    }

    public void register(Javalin app) {
        app.get("/api/v1/replay", ctx -> send(ctx, state(replay.state())));
        app.post("/api/v1/replay/pause", ctx -> {
            replay.pause();
            send(ctx, state(replay.state()));
        });
        app.post("/api/v1/replay/resume", ctx -> {
            replay.resume();
            send(ctx, state(replay.state()));
        });
        app.post("/api/v1/replay/seek", ctx -> {
            JsonNode at = body(ctx, "at");
            Instant t;
            try {
                t = Instant.parse(at.asText());
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("bad-field", "at must be an ISO-8601 instant, got '" + at.asText() + "'");
            }
            ReplayState s = replay.state();
            if (t.isBefore(s.from()) || t.isAfter(s.to())) {
                throw ApiError.badRequest("out-of-range", "at must lie in the replay period " + s.from() + " .. " + s.to());
            }
            replay.seek(t);
            send(ctx, state(replay.state()));
        });
        app.post("/api/v1/replay/speed", ctx -> {
            JsonNode speed = body(ctx, "speed");
            if (!speed.isNumber()) {
                throw ApiError.badRequest("bad-field", "speed must be a number (0 = as fast as possible)");
            }
            try {
                replay.speed(speed.asDouble());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("out-of-range", e.getMessage());
            }
            send(ctx, state(replay.state()));
        });
        app.get("/api/v1/alerts", this::alerts);
        app.get("/api/v1/alerts/{id}", ctx -> send(ctx, json.alert(outputs.alerts().stream()
                .filter(e -> e.id().equals(ctx.pathParam("id")) && viewers.apply(ctx).maySee(e.alert())).findFirst()
                .orElseThrow(() -> new ApiError(404, "not-found", "no alert " + ctx.pathParam("id"))))));
        app.get("/api/v1/incidents", this::incidents);
        app.get("/api/v1/incidents/{id}", ctx -> send(ctx, json.incident(incident(ctx))));
        app.get("/api/v1/incidents/{id}/timeline", ctx -> {
            Incident i = incident(ctx);
            ObjectNode o = mapper.createObjectNode().put("incident", i.id()).put("status", i.status().code());
            ArrayNode steps = o.putArray("timeline");
            i.timeline().forEach(e -> steps.add(json.timelineStep(e)));
            send(ctx, o);
        });
        app.get("/api/v1/sectors/posture", ctx -> send(ctx, json.postures(
                viewers.apply(ctx).maySee(own) ? outputs.postures() : java.util.Map.of())));
        // Operational control and the crises in force as they stood at the replay's time.
        app.get("/api/v1/units/control", ctx -> send(ctx, viewers.apply(ctx).maySee(own)
                ? ControlApi.control(mapper, theatre, new java.util.TreeMap<>(outputs.control()), outputs.controlChanges())
                : mapper.createObjectNode()));
        app.get("/api/v1/crisis", ctx -> {
            Viewer v = viewers.apply(ctx);
            ArrayNode out = mapper.createArrayNode();
            outputs.crises().stream().filter(v::maySee).forEach(c -> out.add(ControlApi.crisis(mapper, c)));
            send(ctx, out);
        });
        app.get("/api/v1/stats/alerts", ctx -> {
            ObjectNode o = mapper.createObjectNode();
            o.putArray("rules");
            o.putArray("detection");
            send(ctx, o);
        });
        app.addHttpHandler(HandlerType.POST, "/api/v1/alerts/{id}/ack", ReplayRoutes::readOnly);
        app.addHttpHandler(HandlerType.POST, "/api/v1/alerts/{id}/close", ReplayRoutes::readOnly);
        // The server's own chat route: refused before it runs.
        app.before("/api/v1/messages", ctx -> {
            if (ctx.method() == HandlerType.POST) {
                readOnly(ctx);
            }
        });
        app.addHttpHandler(HandlerType.PUT, "/api/v1/incidents/{id}/status", ReplayRoutes::readOnly);
        app.addHttpHandler(HandlerType.PUT, "/api/v1/sectors/{id}/posture", ReplayRoutes::readOnly);
    }

    private static void readOnly(Context ctx) {
        throw new ApiError(409, "replay-read-only", "this is a replay of the event log: it changes nothing");
    }

    private void alerts(Context ctx) {
        ReviewApi.only(ctx, Set.of("state", "limit"));
        String state = ctx.queryParam("state");
        AlertState wanted;
        try {
            wanted = state == null ? null : AlertState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad-parameter", "unknown state '" + state + "'");
        }
        int limit = QueryParams.limit(ctx, MAX_LIMIT);
        Viewer v = viewers.apply(ctx);
        ArrayNode out = mapper.createArrayNode();
        for (AlertBook.Entry e : outputs.alerts()) {
            if (out.size() < limit && (wanted == null || e.state() == wanted) && v.maySee(e.alert())) {
                out.add(json.alert(e));
            }
        }
        send(ctx, out);
    }

    private void incidents(Context ctx) {
        ReviewApi.only(ctx, Set.of("open", "limit"));
        boolean openOnly = "true".equals(ctx.queryParam("open"));
        int limit = QueryParams.limit(ctx, MAX_LIMIT);
        Viewer v = viewers.apply(ctx);
        ArrayNode out = mapper.createArrayNode();
        for (Incident i : outputs.incidents()) {
            if (out.size() < limit && (!openOnly || !i.status().terminal()) && v.maySee(i.marking(), subject(i))) {
                out.add(json.incident(i));
            }
        }
        send(ctx, out);
    }

    private Incident incident(Context ctx) {
        String id = ctx.pathParam("id");
        Viewer v = viewers.apply(ctx);
        return outputs.incidents().stream().filter(i -> i.id().equals(id) && v.maySee(i.marking(), subject(i))).findFirst()
                .orElseThrow(() -> new ApiError(404, "not-found", "no incident " + id + " replayed so far"));
    }

    private static Release.Subject subject(Incident i) {
        return new Release.Subject(Release.Kind.INCIDENT, i.id());
    }

    private ObjectNode state(ReplayState s) {
        return mapper.createObjectNode().put("mode", "replay").put("from", s.from().toString()).put("to", s.to().toString())
                .put("time", s.time().toString()).put("speed", s.speed()).put("paused", s.paused()).put("ended", s.ended())
                .put("published", s.published());
    }

    private JsonNode body(Context ctx, String field) {
        JsonNode n;
        try {
            n = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw ApiError.badRequest("malformed-json", "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!f.equals(field)) {
                throw ApiError.badRequest("unknown-field", "unknown field '" + f + "' (known: [" + field + "])");
            }
        });
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.badRequest("missing-field", "missing field '" + field + "'");
        }
        return v;
    }

    private void send(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
