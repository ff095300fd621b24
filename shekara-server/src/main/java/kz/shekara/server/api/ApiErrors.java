package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import kz.shekara.model.Refusal;
import kz.shekara.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's one error path: every refusal a route throws becomes {@code {"error": code, "detail": sentence}}
 * with its status, counted once as {@code shekara.adapter.rejections{adapter=api, reason=code}}.
 * {@link ApiError} keeps its status and code; a domain {@link Refusal} is 404 (not found), 409 (conflict)
 * or 400 (invalid); a body that is not JSON is 400 {@code malformed-json}; a write the event store could
 * not record is 503 {@code store-unavailable} (nothing was accepted; the client may retry). Anything else is a failure of
 * the server: 500 {@code internal}, logged with its stack and counted as {@code shekara.api.failures}.
 * Stateless and thread-safe.
 */
public final class ApiErrors {
    /** The context attribute set when an error body was written (the 404 fallback then leaves it alone). */
    static final String WRITTEN = "shekara.api.error";
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final Counter failures;

    public ApiErrors(MeterRegistry registry, ObjectMapper mapper) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.failures = Counter.builder("shekara.api.failures")
                .description("API requests that failed inside the server (HTTP 500)").register(registry);
    }

    /** Maps every exception a route of {@code app} may throw, and answers unknown API paths as 404 not-found. */
    public void install(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> refuse(ctx, e.status(), e.error(), e.getMessage()));
        app.exception(Refusal.NotFound.class, (e, ctx) -> refuse(ctx, 404, e.code(), e.getMessage()));
        app.exception(Refusal.Conflict.class, (e, ctx) -> refuse(ctx, 409, e.code(), e.getMessage()));
        app.exception(Refusal.Invalid.class, (e, ctx) -> refuse(ctx, 400, e.code(), e.getMessage()));
        app.exception(BodyLimitFilter.TooLarge.class, (e, ctx) -> refuse(ctx, 413, "too-large", e.getMessage()));
        app.exception(StoreUnavailableException.class, (e, ctx) -> refuse(ctx, 503, "store-unavailable",
                "not stored, so not accepted: " + e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> refuse(ctx, 400, "malformed-json",
                "the body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
            failures.increment();
            write(ctx, 500, "internal", "the server failed; see its log");
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.attribute(WRITTEN) == null) {
                refuse(ctx, 404, "not-found", "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    /** Answers a refusal and counts it; for routes that answer rather than throw (a WebSocket, say). */
    public void refuse(Context ctx, int status, String code, String detail) {
        count(code);
        write(ctx, status, code, detail);
    }

    /** Counts one refusal answered outside a route (the body cap's filter). */
    void count(String code) {
        Counter.builder("shekara.adapter.rejections").tag("adapter", "api").tag("reason", code)
                .description("Inputs refused, by adapter and reason").register(registry).increment();
    }

    private void write(Context ctx, int status, String code, String detail) {
        ctx.attribute(WRITTEN, code);
        ctx.status(status).contentType("application/json")
                .result(mapper.createObjectNode().put("error", code).put("detail", detail).toString());
    }
}
