package kz.shekara.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Set;

/**
 * What a hostile page in the operator's browser must not be able to do: frame the map, sniff content
 * types, read the referrer, open the live feed from another origin, or send a cross-site "simple" request
 * (a form or {@code text/plain} POST) that a route would act on. Every response carries a strict content
 * security policy with {@code frame-ancestors 'none'}, {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}; WebSocket upgrades with an {@code Origin} other than the server's
 * own are refused (403); an API request with a body must be {@code application/json} (415). Stateless.
 */
final class WebGuard {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The largest WebSocket message a client may send the live feed; a larger one closes the socket (1009). */
    static final int MAX_WS_MESSAGE_BYTES = 4096;
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private WebGuard() {
    }

    static void install(Javalin app) {
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
        });
        app.before("/api/*", WebGuard::jsonBodiesOnly);
        app.wsBeforeUpgrade("/api/v1/live", ctx -> {
            if (!sameOrigin(ctx)) {
                throw new ApiError(403, "foreign-origin", "the live feed opens only from the server's own pages");
            }
        });
    }

    /** A write with a body must say it is JSON; a browser cannot send that cross-site without asking first. */
    private static void jsonBodiesOnly(Context ctx) {
        if (!WRITES.contains(ctx.method())) {
            return;
        }
        boolean body = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        String type = ctx.contentType();
        if (body && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
            throw new ApiError(415, "unsupported-media-type", "send the body as application/json");
        }
    }

    /** No Origin (a device or script, not a browser page) or the server's own scheme-less host and port. */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && o.getHost() != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
