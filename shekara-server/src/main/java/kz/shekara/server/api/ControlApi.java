package kz.shekara.server.api;

import static kz.shekara.server.api.ResponseApi.body;
import static kz.shekara.server.api.ResponseApi.send;
import static kz.shekara.server.api.ResponseApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.shekara.dispatch.ControlDesk;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Refusal;
import kz.shekara.server.access.Action;
import kz.shekara.server.access.Identity;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Theatre;

/**
 * The operational control routes of the REST API, on a {@link ResponseService}:
 * <ul>
 * <li>{@code GET /api/v1/units/control} — for each theatre unit, the command holding it, that
 * command's agency, the unit's own command and, when it was ever changed, the last change (by, time,
 * reason, crisis)</li>
 * <li>{@code PUT /api/v1/units/{id}/control} {@code {"command", "reason"}} — hands one unit to a
 * command the theatre defines (a commander of the agency that holds it now); on a node of a Kafka cluster, where
 * transfers are decided in the order of the unit-control topic, 409 when another change of the unit was recorded
 * first (the unit changed hands meanwhile), and 202 {@code {"unit", "command", "relayed": true}} when the transfer
 * was not back from the topic within the wait (carried out when it comes, if it takes effect)</li>
 * <li>{@code GET /api/v1/crisis} — the crises in force the caller may see by their marking, under the
 * deployment's sharing rules (exercise crises reach no partner agency of a real deployment); {@code POST /api/v1/crisis}
 * {@code {"command", "to", "reason"}} — declares one (201); {@code DELETE /api/v1/crisis/{id}}
 * — ends it (200), each by a commander of the home agency or of the agency taking control; on a node of a
 * Kafka cluster, where crises are decided in the order of the crises topic, a declaration or end not back
 * from the topic within the wait is answered 202 {@code {"command", "relayed": true}} and carried out when it
 * comes</li>
 * </ul>
 * Who acts ({@code by}) is the caller's identity, never a field of the body. Refusals are 400 (bad
 * body, undefined command, missing reason), 403 (the caller's role or agency may not), 404 (unknown
 * unit or crisis) or 409 (the unit is another agency's, a crisis is in force for the command
 * already, the crisis was ended already), with {@code {"error", "detail"}}, counted like every API refusal. Thread-safe.
 */
public final class ControlApi {
    private final ResponseService service;
    private final Theatre theatre;
    private final String home;
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.function.Function<Context, Viewer> viewers;

    /**
     * @param viewers who is asking, as a reader under the deployment's sharing rules (the release
     *                overlay and the exercise rule, as a replay session's crisis route applies them)
     */
    public ControlApi(ResponseService service, Theatre theatre, java.util.function.Function<Context, Viewer> viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.service = Objects.requireNonNull(service, "service");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.home = theatre.defaultMarking().originator();
    }

    public void register(Javalin app) {
        app.get("/api/v1/units/control", ctx -> send(ctx, 200, control(mapper, theatre, service.control(),
                service.controlChanges())));
        app.put("/api/v1/units/{id}/control", ctx -> {
            Identity who = allowed(ctx, Action.CONTROL);
            JsonNode body = body(mapper, ctx, Set.of("command", "reason"));
            String unit = ctx.pathParam("id");
            ControlChange c = service.setControl(unit, text(body, "command"), who.name(), who.agency(),
                    text(body, "reason")); // a conflict when another change of the unit was recorded first
            send(ctx, c == null ? 202 : 200, c == null ? relayedTransfer(unit, text(body, "command")) : change(c));
        });
        app.get("/api/v1/crisis", ctx -> {
            Viewer viewer = viewers.apply(ctx);
            ArrayNode out = mapper.createArrayNode();
            service.crises().stream().filter(viewer::maySee).forEach(c -> out.add(crisis(mapper, c)));
            send(ctx, 200, out);
        });
        app.post("/api/v1/crisis", ctx -> {
            Identity who = allowed(ctx, Action.CRISIS);
            JsonNode body = body(mapper, ctx, Set.of("command", "to", "reason"));
            String to = text(body, "to");
            mayActFor(who, to);
            ControlDesk.Outcome o = service.declareCrisis(text(body, "command"), to, who.name(), text(body, "reason"));
            send(ctx, o == null ? 202 : 201, o == null ? relayed(text(body, "command")) : outcome(o));
        });
        app.delete("/api/v1/crisis/{id}", ctx -> {
            Identity who = allowed(ctx, Action.CRISIS);
            String id = ctx.pathParam("id");
            CrisisEvent c = service.crisis(id).orElseThrow(() -> new Refusal.NotFound("no crisis " + id + " in force"));
            mayActFor(who, c.to());
            ControlDesk.Outcome o = service.endCrisis(id, who.name(), null); // a conflict when ended already
            send(ctx, o == null ? 202 : 200, o == null ? relayed(c.command()).put("id", id) : outcome(o));
        });
    }

    private static Identity allowed(Context ctx, Action action) {
        Identity who = Caller.of(ctx);
        if (!who.role().may(action)) {
            throw new ApiError(403, "forbidden", "the role " + who.role().id() + " may not "
                    + action.name().toLowerCase(java.util.Locale.ROOT));
        }
        return who;
    }

    /** A crisis is declared or ended by the home agency or by the agency of the command taking control. */
    private void mayActFor(Identity who, String to) {
        String agency = theatre.command(to).map(Command::agency).orElse(null);
        if (!who.agency().equals(home) && !who.agency().equals(agency)) {
            throw new ApiError(403, "forbidden", "agency " + who.agency() + " may not declare or end a crisis for "
                    + to);
        }
    }

    /**
     * For each unit, the command holding it ({@code holders}), that command's agency, the unit's own
     * command and its last change ({@code changes}): the answer of {@code GET /api/v1/units/control}.
     */
    static ObjectNode control(ObjectMapper mapper, Theatre theatre, Map<String, String> holders,
                              Map<String, ControlChange> changes) {
        ObjectNode o = mapper.createObjectNode();
        holders.forEach((unit, holder) -> {
            ObjectNode n = o.putObject(unit).put("command", holder)
                    .put("agency", theatre.command(holder).map(Command::agency).orElse(null))
                    .put("own", theatre.unit(unit).map(u -> u.command()).orElse(null));
            ControlChange c = changes.get(unit);
            if (c != null) {
                n.put("by", c.by()).put("time", c.time().toString()).put("reason", c.reason()).put("crisis", c.crisis());
            }
        });
        return o;
    }

    private ObjectNode change(ControlChange c) {
        return mapper.createObjectNode().put("unit", c.unit()).put("command", c.command()).put("by", c.by())
                .put("reason", c.reason()).put("time", c.time().toString()).put("crisis", c.crisis());
    }

    /** A crisis in force, as {@code GET /api/v1/crisis} lists it. */
    static ObjectNode crisis(ObjectMapper mapper, CrisisEvent c) {
        ObjectNode o = mapper.createObjectNode().put("id", c.crisis()).put("command", c.command()).put("to", c.to())
                .put("reason", c.reason()).put("by", c.by()).put("since", c.time().toString());
        EventJson.marking(o, c.marking());
        return o;
    }

    /** The answer to a transfer recorded on a cluster but not back within the wait (carried out if it takes effect). */
    private ObjectNode relayedTransfer(String unit, String command) {
        return mapper.createObjectNode().put("unit", unit).put("command", command).put("relayed", true);
    }

    /** The answer to a crisis event recorded on a cluster but not back within the wait (carried out when it is). */
    private ObjectNode relayed(String command) {
        return mapper.createObjectNode().put("command", command).put("relayed", true);
    }

    private ObjectNode outcome(ControlDesk.Outcome o) {
        CrisisEvent e = o.event();
        ObjectNode n = crisis(mapper, e).put("status", e.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("time", e.time().toString());
        if (e.status() == CrisisEvent.Status.ENDED) {
            n.remove("since");
        }
        ArrayNode units = n.putArray("units");
        o.changes().forEach(c -> units.add(c.unit()));
        return n;
    }
}
