package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.server.access.Action;
import kz.shekara.server.access.Identity;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Theatre;

/**
 * Releasing to a partner, as an act: {@code POST /api/v1/releases {"kind": "incident|alert|track",
 * "id", "agency", "reason"}} publishes a {@link Release} (logged like every operator act, the actor
 * the caller) after which the object, as it is and as it changes, is releasable to that agency;
 * {@code GET /api/v1/releases} lists what was released to whom, when, by whom and why (a partner
 * sees the releases made to it). A release is refused (each with its own error code) for an agency
 * the theatre does not list or the home agency itself, an object the caller cannot see or its agency
 * did not originate, an agency not cleared for the object's classification, exercise data in a real
 * deployment, and a release already made. Thread-safe.
 */
public final class ReleasesApi {
    /** The marking an object has now, if it exists; an empty answer is a 404. */
    @FunctionalInterface
    public interface Subjects {
        Optional<Marking> marking(Release.Subject subject);
    }

    private static final Set<String> FIELDS = Set.of("kind", "id", "agency", "reason");
    private final ObjectMapper mapper = new ObjectMapper();
    private final Theatre theatre;
    private final Bus bus;
    private final ReleaseBook book;
    private final Subjects subjects;
    private final Clock clock;
    private final Function<Context, Viewer> viewers;
    private final boolean exercise;

    /**
     * @param clock    the event time of a release (the server's, as for every operator act)
     * @param viewers  who is asking (ApiServer's viewer)
     * @param exercise whether this deployment is an exercise: else exercise data is never released
     */
    public ReleasesApi(Theatre theatre, Bus bus, ReleaseBook book, Subjects subjects, Clock clock,
                       Function<Context, Viewer> viewers, boolean exercise) {
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.book = Objects.requireNonNull(book, "book");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.exercise = exercise;
    }

    public void register(Javalin app) {
        app.get("/api/v1/releases", this::list);
        app.post("/api/v1/releases", this::release);
    }

    private void list(Context ctx) {
        ReviewApi.only(ctx, Set.of());
        Viewer v = viewers.apply(ctx);
        // A partner (who may not read the picture) lists only the releases made to its own agency.
        boolean own = !Caller.of(ctx).role().may(Action.READ);
        ArrayNode out = mapper.createArrayNode();
        book.releases().stream().filter(r -> v.maySee(r) && (!own || r.agency().equals(v.agency())))
                .forEach(r -> out.add(json(r)));
        send(ctx, 200, out);
    }

    private void release(Context ctx) {
        Identity caller = Caller.of(ctx);
        if (!caller.role().may(Action.RELEASE)) {
            throw new ApiError(403, "forbidden", "a " + caller.role().id() + " may not release");
        }
        JsonNode body = body(ctx);
        Release.Kind kind = kind(text(body, "kind"));
        String id = text(body, "id");
        String agencyId = text(body, "agency");
        String reason = text(body, "reason");
        Agency agency = theatre.agencies().stream().filter(a -> a.id().equals(agencyId)).findFirst()
                .orElseThrow(() -> ApiError.badRequest("unknown-agency", "the theatre lists no agency '" + agencyId + "'"));
        String home = theatre.defaultMarking().originator();
        if (agency.id().equals(home) || agency.id().equals(caller.agency())) {
            throw ApiError.badRequest("own-agency", "an agency's own data needs no release");
        }
        Release.Subject subject = new Release.Subject(kind, id);
        Viewer v = viewers.apply(ctx);
        Marking m = subjects.marking(subject).filter(x -> v.maySee(x, subject))
                .orElseThrow(() -> new ApiError(404, "not-found", "no " + kind.code() + " " + id));
        if (!m.originator().equals(caller.agency())) {
            throw new ApiError(403, "not-originator", "only " + m.originator() + ", which originated it, may release it");
        }
        if (agency.clearance().compareTo(m.classification()) < 0) {
            throw new ApiError(409, "above-clearance", agency.id() + " is cleared to " + agency.clearance().name()
                    + ", the " + kind.code() + " is " + m.classification().name());
        }
        if (m.exercise() && !exercise) {
            throw new ApiError(409, "exercise-data", "exercise data is never released by a real deployment");
        }
        if (book.released(subject, agency.id())) {
            throw new ApiError(409, "already-released", "the " + kind.code() + " " + id + " is already released to "
                    + agency.id());
        }
        Release r = new Release(clock.instant(), kind, id, agency.id(), caller.name(), reason, recordMarking(agency));
        bus.publish(Topic.RELEASES, id, r);
        send(ctx, 201, json(r));
    }

    /**
     * The record of a release is the home agency's, shared with the agency released to only (which
     * learns what was released to it, not what went to others), no higher than that agency's clearance.
     */
    private Marking recordMarking(Agency to) {
        Marking d = theatre.defaultMarking();
        Classification c = d.classification().compareTo(to.clearance()) <= 0 ? d.classification() : to.clearance();
        return Marking.of(c, d.originator(), java.util.List.of(to.id()));
    }

    private ObjectNode json(Release r) {
        ObjectNode o = mapper.createObjectNode().put("time", r.time().toString()).put("kind", r.kind().code())
                .put("id", r.object()).put("agency", r.agency()).put("by", r.by()).put("reason", r.reason());
        EventJson.marking(o, r.marking());
        return o;
    }

    private static Release.Kind kind(String s) {
        try {
            return Release.Kind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad-field", "kind must be incident, alert or track, got '" + s + "'");
        }
    }

    private JsonNode body(Context ctx) {
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
            if (!FIELDS.contains(f)) {
                throw ApiError.badRequest("unknown-field", "unknown field '" + f + "' (known: " + FIELDS.stream().sorted().toList() + ")");
            }
        });
        return n;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.badRequest("missing-field", "missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiError.badRequest("bad-field", "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
