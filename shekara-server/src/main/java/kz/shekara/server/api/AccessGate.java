package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.Action;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.access.Grant;

/**
 * The access check run before every request: authenticates it (the session cookie, or
 * {@code Authorization: Bearer <token>}), then applies the {@link RoutePolicy}. Without an identity a
 * route that is not open answers 401; a cookie session's state-changing request without its CSRF
 * token in {@value #CSRF_HEADER}, a route the table does not list, or an action the identity may not
 * take answer 403 (a path no route serves stays 404). Each refusal is counted in {@code shekara.access.refusals{reason}}; every
 * state-changing request, allowed or not, goes to the {@link AuditSink}. Static files (the map and
 * its login page) are open. With no {@link AccessService} nobody is authenticated. Thread-safe.
 */
public final class AccessGate {
    static final String COOKIE = "shekara_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String GRANT = "shekara.grant";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    private final AccessService access;
    private final RoutePolicy policy;
    private final MeterRegistry meters;
    private final AuditSink audit;

    AccessGate(AccessService access, RoutePolicy policy, MeterRegistry meters) {
        this.access = access;
        this.policy = policy;
        this.meters = meters;
        this.audit = access == null ? AuditSink.NONE : access.audit();
    }

    /**
     * Puts the access check before every request of {@code app} (and before the live feed's upgrade)
     * and the session routes (the audit of each state-changing request is {@link AuditRoutes}'); {@code access} may be
     * null (nobody is authenticated).
     */
    public static void install(Javalin app, AccessService access, ObjectMapper mapper, MeterRegistry meters) {
        AccessGate gate = new AccessGate(access, RoutePolicy.DEFAULT, meters);
        app.beforeMatched(gate::check);
        app.wsBeforeUpgrade(gate::check);
        new SessionRoutes(access, mapper).register(app);
    }

    /** The request's grant, when it was authenticated. */
    static Optional<Grant> grant(Context ctx) {
        return Optional.ofNullable(ctx.attribute(GRANT));
    }

    void check(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith("/api/")) {
            return;
        }
        Grant g = authenticate(ctx);
        if (g != null) {
            Caller.set(ctx, g.identity());
            ctx.attribute(GRANT, g);
        }
        String method = ctx.method().name();
        Optional<RoutePolicy.Match> m = policy.match(method, path);
        if (m.isPresent() && m.get().rule().open()) {
            return;
        }
        if (g == null) {
            refuse(401, "unauthenticated", "log in (POST /api/v1/session) or send a bearer token");
        }
        if (g.session() != null && STATE_CHANGING.contains(method) && !csrfMatches(ctx, g.session().csrf())) {
            refuse(403, "csrf", "send the session's csrf value in the " + CSRF_HEADER + " header");
        }
        if (m.isEmpty()) {
            refuse(403, "unclassified", "no access rule allows " + method + " " + path);
        }
        Action action = m.get().rule().action();
        if (!m.get().rule().allows(g::may)) {
            refuse(403, "forbidden", g.identity().name() + " (" + g.identity().role().id() + ") may not "
                    + action.name().toLowerCase(Locale.ROOT));
        }
        String agency = m.get().params().get("agency");
        if (action == Action.FEED && agency != null && !agency.equals(g.identity().agency())) {
            refuse(403, "forbidden", "the feed of " + agency + " is not for " + g.identity().agency());
        }
    }

    private Grant authenticate(Context ctx) {
        if (access == null) {
            return null;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return access.bearer(auth.substring(7)).orElse(null);
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie == null ? null : access.session(cookie).orElse(null);
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String given = ctx.header(CSRF_HEADER);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a refusal and answers it. */
    void refuse(int status, String reason, String detail) {
        Counter.builder("shekara.access.refusals").tag("reason", reason)
                .description("Requests and logins refused by the access check, by reason").register(meters).increment();
        throw new ApiError(status, reason, detail);
    }
}
