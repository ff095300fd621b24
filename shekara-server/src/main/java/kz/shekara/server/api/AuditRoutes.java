package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail on the API (docs/audit.md). Every state-changing request (POST, PUT, PATCH, DELETE
 * under {@code /api/}) and every export is recorded once it is answered, refused ones included:
 * actor the caller's identity name ({@code -} when there is none), action the method, target the
 * path, outcome the status code, address the client's IP. A record the store refuses is logged and
 * counted ({@code shekara.audit.failures}); the answer already given stands. {@code GET
 * /api/v1/audit?from&to&limit} lists entries (route action {@code AUDIT}: admins only). Thread-safe.
 */
final class AuditRoutes {
    /** Entries per answer at most (and by default). */
    static final int MAX_LIMIT = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
    private static final Set<String> PARAMETERS = Set.of("from", "to", "limit");
    private static final Set<HandlerType> CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final AuditTrail trail;
    private final ObjectMapper mapper;
    private final Counter failures;

    AuditRoutes(AuditTrail trail, ObjectMapper mapper, MeterRegistry registry) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.failures = Counter.builder("shekara.audit.failures")
                .description("Requests whose audit entry could not be stored").register(registry);
    }

    void register(Javalin app) {
        app.get("/api/v1/audit", this::list);
        app.after(this::record);
    }

    /** Whether a request is audited: a state change or an export, on the API. */
    static boolean audited(HandlerType method, String path) {
        // A login or logout records itself, with the account it names (see AccessService).
        return path.startsWith("/api/") && !path.equals(SessionRoutes.PATH) && (CHANGING.contains(method)
                || method == HandlerType.GET && path.contains("/export"));
    }

    private void record(Context ctx) {
        if (!audited(ctx.method(), ctx.path())) {
            return;
        }
        // Set by the access check; absent when the request was refused before it (or never authenticated).
        Identity id = ctx.attribute(Caller.ATTRIBUTE);
        try {
            trail.record(id == null ? "-" : id.name(), ctx.method().name(), ctx.path(),
                    Integer.toString(ctx.statusCode()), ctx.ip());
        } catch (RuntimeException e) {
            failures.increment();
            LOG.error("audit entry not stored for {} {} ({}): {}", ctx.method(), ctx.path(), ctx.statusCode(),
                    e.getMessage());
        }
    }

    private void list(Context ctx) {
        for (String p : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(p)) {
                throw ApiError.badRequest("unknown-parameter", "unknown query parameter '" + p
                        + "' (known: from, to, limit)");
            }
        }
        Instant from;
        Instant to;
        try {
            from = instant(ctx.queryParam("from"), Instant.EPOCH);
            to = instant(ctx.queryParam("to"), Instant.MAX);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad-parameter", "from and to must be ISO-8601 instants such as 2026-03-02T08:00:00Z");
        }
        if (!from.isBefore(to)) {
            throw ApiError.badRequest("bad-parameter", "from must be before to");
        }
        int limit = QueryParams.limit(ctx, MAX_LIMIT);
        ArrayNode out = mapper.createArrayNode();
        for (AuditEntry e : trail.read(from, to, limit)) {
            out.addObject().put("seq", e.seq()).put("time", e.time().toString()).put("actor", e.actor())
                    .put("action", e.action()).put("target", e.target()).put("outcome", e.outcome())
                    .put("address", e.address()).put("prevHash", e.prevHash()).put("hash", e.hash());
        }
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(String s, Instant absent) {
        return s == null || s.isBlank() ? absent : Instant.parse(s.trim());
    }
}
