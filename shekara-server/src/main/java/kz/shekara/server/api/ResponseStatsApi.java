package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseStatistics;
import kz.shekara.incident.ResponseStatistics.Distribution;
import kz.shekara.incident.ResponseStatistics.Group;
import kz.shekara.server.view.Viewer;

/**
 * {@code GET /api/v1/stats/response?from=&to=} (ISO-8601 instants, both optional; incidents whose
 * alert is in [from, to)): response-time distributions for all incidents, per sector and per kind
 * of responding unit — {@code {"from", "to", "all": G, "sectors": [G], "unitKinds": [G]}} with
 * {@code G = {"name", "incidents", "alertToDispatch": D, "dispatchToOnScene": D, "detectionToOnScene": D}}
 * and {@code D = {"count", "medianS", "p90S", "maxS"}} (seconds, null when the count is 0). Only
 * incidents the viewer may see count. A bad parameter gets 400 {@code {"error", "detail"}}, counted
 * in {@code shekara.adapter.rejections{adapter=api,reason}}. Thread-safe.
 */
public final class ResponseStatsApi {
    private static final Set<String> PARAMETERS = Set.of("from", "to");
    private final Supplier<List<ResponseRecord>> records;
    private final Function<Context, Viewer> viewers;
    private final ObjectMapper mapper = new ObjectMapper();

    public ResponseStatsApi(Supplier<List<ResponseRecord>> records, Function<Context, Viewer> viewers) {
        this.records = Objects.requireNonNull(records, "records");
        this.viewers = Objects.requireNonNull(viewers, "viewers");
    }

    public void register(Javalin app) {
        app.get("/api/v1/stats/response", this::stats);
    }

    private void stats(Context ctx) {
        for (String p : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(p)) {
                throw ApiError.badRequest("unknown-parameter", "unknown query parameter '" + p + "' (known: from, to)");
            }
        }
        Instant from;
        Instant to;
        try {
            from = instant(ctx.queryParam("from"));
            to = instant(ctx.queryParam("to"));
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad-parameter", "from and to must be ISO-8601 instants such as 2026-03-02T08:00:00Z");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.badRequest("bad-parameter", "from must be before to");
        }
        Viewer v = viewers.apply(ctx);
        List<ResponseRecord> visible = records.get().stream().filter(r -> v.maySee(r.marking())).toList();
        ctx.contentType("application/json");
        ctx.result(json(ResponseStatistics.of(visible, from, to)).toString());
    }

    private static Instant instant(String s) {
        return s == null || s.isBlank() ? null : Instant.parse(s.trim());
    }

    ObjectNode json(ResponseStatistics s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("from", s.from() == null ? null : s.from().toString());
        o.put("to", s.to() == null ? null : s.to().toString());
        o.set("all", group(s.all()));
        ArrayNode sectors = o.putArray("sectors");
        s.sectors().forEach(g -> sectors.add(group(g)));
        ArrayNode kinds = o.putArray("unitKinds");
        s.unitKinds().forEach(g -> kinds.add(group(g)));
        return o;
    }

    private ObjectNode group(Group g) {
        ObjectNode o = mapper.createObjectNode().put("name", g.name()).put("incidents", g.incidents());
        o.set("alertToDispatch", distribution(g.alertToDispatch()));
        o.set("dispatchToOnScene", distribution(g.dispatchToOnScene()));
        o.set("detectionToOnScene", distribution(g.detectionToOnScene()));
        return o;
    }

    private ObjectNode distribution(Distribution d) {
        ObjectNode o = mapper.createObjectNode().put("count", d.count());
        seconds(o, "medianS", d.medianS());
        seconds(o, "p90S", d.p90S());
        seconds(o, "maxS", d.maxS());
        return o;
    }

    private static void seconds(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, Math.round(v * 1000) / 1000.0);
        }
    }
}
