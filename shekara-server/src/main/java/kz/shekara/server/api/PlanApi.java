package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.planning.InterceptResult;
import kz.shekara.planning.TargetMotion;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;

/**
 * What-if intercepts over HTTP: {@code POST /api/v1/plan/intercept} with
 * {@code {"unit": {"kind", "lat", "lon", "speedMps", "launchS"}, "target": {"lat", "lon", "vnMps", "veMps"}}}
 * (degrees, m/s, seconds) answers {@code {"feasible": true, "lat", "lon", "timeS"}} (time from now,
 * launch included) or {@code {"feasible": false, "reason", "lateS"}} ({@code lateS}: how far behind
 * the target the unit would arrive, when measured). The target counts only inside the area of
 * operations (the home country and the sector corridors). A bad body gets a 4xx with
 * {@code {"error": code, "detail": sentence}}, counted
 * by {@link ApiErrors}. Thread-safe.
 */
public final class PlanApi {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> TOP = Set.of("unit", "target");
    private static final Set<String> UNIT = Set.of("kind", "lat", "lon", "speedMps", "launchS");
    private static final Set<String> TARGET = Set.of("lat", "lon", "vnMps", "veMps");
    private static final double MAX_SPEED_MPS = 1_000;
    private static final double MAX_LAUNCH_S = 86_400;

    private final InterceptPlanner planner;
    private final Area area;
    private final double horizonS;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param planner  the theatre's planner (its sea and road models serve boats and ground units)
     * @param area     where an intercept counts (the area of operations); null for anywhere
     * @param horizonS how far ahead to plan, in seconds
     */
    public PlanApi(InterceptPlanner planner, Area area, double horizonS) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.area = area;
        this.horizonS = horizonS;
    }

    public void register(Javalin app) {
        app.post("/api/v1/plan/intercept", this::intercept);
    }

    private void intercept(Context ctx) throws JsonProcessingException {
        ObjectNode out = answer(parse(ctx.bodyAsBytes()));
        ctx.status(200).contentType("application/json").result(mapper.writeValueAsString(out));
    }

    private ObjectNode answer(Query q) {
        InterceptResult r = planner.plan(q.unit(), q.target());
        ObjectNode out = mapper.createObjectNode();
        if (r instanceof InterceptResult.Intercept i) {
            out.put("feasible", true).put("lat", i.lat()).put("lon", i.lon()).put("timeS", i.timeS());
        } else if (r instanceof InterceptResult.NoIntercept n) {
            out.put("feasible", false).put("reason", n.reason().code());
            if (Double.isFinite(n.lateS())) {
                out.put("lateS", n.lateS());
            }
        }
        return out;
    }

    private record Query(UnitState unit, TargetMotion target) {
    }

    private Query parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "too-large", "body over " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed", "body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "malformed", "body could not be read");
        }
        JsonNode u = object(root, "body", TOP).get("unit");
        JsonNode t = root.get("target");
        object(u, "unit", UNIT);
        object(t, "target", TARGET);
        UnitKind kind = kind(u.get("kind"));
        double lat = number(u, "lat", -90, 90, null);
        double lon = number(u, "lon", -180, 180, null);
        double speed = number(u, "speedMps", Double.MIN_VALUE, MAX_SPEED_MPS, null);
        double launch = number(u, "launchS", 0, MAX_LAUNCH_S, 0.0);
        UnitState unit = new UnitState("what-if", kind, lat, lon, UnitStatus.AVAILABLE, speed, speed, launch,
                Double.POSITIVE_INFINITY, "what-if", "what-if", null);
        double tLat = number(t, "lat", -90, 90, null);
        double tLon = number(t, "lon", -180, 180, null);
        double vn = number(t, "vnMps", -MAX_SPEED_MPS, MAX_SPEED_MPS, 0.0);
        double ve = number(t, "veMps", -MAX_SPEED_MPS, MAX_SPEED_MPS, 0.0);
        return new Query(unit, TargetMotion.of(tLat, tLon, vn, ve, 0, 0, horizonS, area));
    }

    private static JsonNode object(JsonNode node, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "missing-field", what + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ApiError(400, "unknown-field", what + " has an unknown field '" + name + "'");
            }
        }
        return node;
    }

    private static UnitKind kind(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new ApiError(400, "missing-field", "unit.kind must be one of helicopter, boat, ground-vehicle, foot-patrol");
        }
        try {
            return UnitKind.valueOf(node.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad-value", "unknown unit kind '" + node.asText() + "'");
        }
    }

    private static double number(JsonNode parent, String field, double min, double max, Double absent) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (absent == null) {
                throw new ApiError(400, "missing-field", field + " is required");
            }
            return absent;
        }
        if (!n.isNumber()) {
            throw new ApiError(400, "bad-value", field + " must be a number");
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            throw new ApiError(400, "out-of-range", field + " must be in [" + min + ", " + max + "]: " + v);
        }
        return v;
    }
}
