package kz.shekara.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.NoSuchElementException;

/**
 * Runs one HTTP route and turns its refusals into a 4xx reply {@code {"error": code, "detail": sentence}},
 * counted as {@code shekara.adapter.rejections{adapter=api, reason=code}}: an {@link ApiError} keeps its
 * status and code, {@link NoSuchElementException} is 404 not-found, {@link IllegalStateException} 409
 * conflict, {@link IllegalArgumentException} 400 invalid. Stateless and thread-safe.
 */
public final class RouteGuard {
    private RouteGuard() {
    }

    /** A route body; it may throw any of the refusals above. */
    @FunctionalInterface
    public interface Step {
        void run();
    }

    /** Runs {@code step} for {@code ctx}, answering a refusal instead of letting it escape. */
    public static void run(Context ctx, MeterRegistry registry, Step step) {
        try {
            step.run();
        } catch (ApiError r) {
            refuse(ctx, registry, r.status(), r.error(), r.getMessage());
        } catch (NoSuchElementException e) {
            refuse(ctx, registry, 404, "not-found", e.getMessage());
        } catch (IllegalStateException e) {
            refuse(ctx, registry, 409, "conflict", e.getMessage());
        } catch (IllegalArgumentException e) {
            refuse(ctx, registry, 400, "invalid", e.getMessage());
        }
    }

    private static void refuse(Context ctx, MeterRegistry registry, int status, String code, String detail) {
        Counter.builder("shekara.adapter.rejections").tag("adapter", "api").tag("reason", code)
                .description("Inputs refused, by adapter and reason").register(registry).increment();
        ctx.status(status).contentType("application/json")
                .result(JsonNodeFactory.instance.objectNode().put("error", code).put("detail", detail).toString());
    }

    /**
     * The {@code limit} query parameter: {@code max} when absent, else a whole number from 1 to {@code max};
     * anything else is refused as 400 bad-parameter.
     */
    static int limit(Context ctx, int max) {
        String l = ctx.queryParam("limit");
        if (l == null) {
            return max;
        }
        try {
            int n = Integer.parseInt(l);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ApiError.badRequest("bad-parameter", "limit must be a whole number from 1 to " + max);
    }
}
