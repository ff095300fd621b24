package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.alertdesk.PostureView;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;

/**
 * {@code GET /api/v1/sectors}: every border sector of the theatre in theatre order, with its posture
 * in force (as the rules apply it) and the latest change that set it — who, why and when — so the map
 * can colour sectors and show the commander's reason:
 * {@code [{"id", "name", "command", "neighbour", "posture", "change": {"time", "posture", "by", "reason"} | null}]}.
 * Setting a posture stays {@code PUT /api/v1/sectors/{id}/posture} ({@link AlertsApi}); changes reach
 * open maps over the live feed as {@code {"type": "posture", ...}} ({@link #change}). Thread-safe.
 */
public final class SectorsApi {
    private final Theatre theatre;
    private final Supplier<Map<String, Posture>> postures;
    private final PostureView changes;
    private final java.util.function.Function<io.javalin.http.Context, kz.shekara.server.view.Viewer> viewers;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param postures the posture in force per sector id (the rules service's)
     * @param changes  the latest recorded change per sector
     */
    public SectorsApi(Theatre theatre, Supplier<Map<String, Posture>> postures, PostureView changes) {
        this(theatre, postures, changes, ctx -> kz.shekara.server.view.Viewer.home(theatre.defaultMarking().originator()));
    }

    /** @param viewers who is asking: sectors carry the theatre's marking, a reader it does not cover gets none */
    public SectorsApi(Theatre theatre, Supplier<Map<String, Posture>> postures, PostureView changes,
                      java.util.function.Function<io.javalin.http.Context, kz.shekara.server.view.Viewer> viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.postures = Objects.requireNonNull(postures, "postures");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    public void register(Javalin app) {
        app.get("/api/v1/sectors", ctx -> {
            Map<String, Posture> now = postures.get();
            Map<String, PostureChange> latest = changes.latest();
            ArrayNode out = mapper.createArrayNode();
            boolean own = viewers.apply(ctx).maySee(theatre.defaultMarking());
            for (Sector s : own ? theatre.sectors() : java.util.List.<Sector>of()) {
                ObjectNode o = out.addObject().put("id", s.id()).put("name", s.name()).put("command", s.command())
                        .put("neighbour", s.neighbour())
                        .put("posture", now.getOrDefault(s.id(), s.posture()).code());
                PostureChange c = latest.get(s.id());
                if (c == null) {
                    o.putNull("change");
                } else {
                    change(o.putObject("change"), c);
                }
            }
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(out));
        });
    }

    /** A posture change as JSON: sector, posture, by, reason, time (ISO-8601). */
    static ObjectNode change(ObjectNode o, PostureChange c) {
        return o.put("sector", c.sector()).put("posture", c.posture().code()).put("by", c.by())
                .put("reason", c.reason()).put("time", c.time().toString());
    }
}
