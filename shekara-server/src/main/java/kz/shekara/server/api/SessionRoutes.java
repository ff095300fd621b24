package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.Action;
import kz.shekara.server.access.Grant;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Session;

/**
 * The web login: {@code POST /api/v1/session {"user", "password"}} opens a session (an HttpOnly,
 * SameSite=Strict cookie, Secure when the request came over TLS) and answers
 * {@code {"user", "role", "agency", "csrf", "actions"}}; {@code GET} answers the same for the caller
 * (a bearer token's has no csrf); {@code DELETE} logs out. A failed login is 401
 * {@code login-failed} whatever was wrong (unknown user, wrong password, disabled account); a locked
 * account or an address over its login rate is 429. Thread-safe.
 */
final class SessionRoutes {
    static final String PATH = "/api/v1/session";

    private final AccessService access;
    private final ObjectMapper mapper;

    SessionRoutes(AccessService access, ObjectMapper mapper) {
        this.access = access;
        this.mapper = mapper;
    }

    void register(Javalin app) {
        app.post(PATH, this::login);
        app.get(PATH, ctx -> send(ctx, describe(AccessGate.grant(ctx).orElseThrow())));
        app.delete(PATH, this::logout);
    }

    private void login(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported-media-type", "send {\"user\", \"password\"} as application/json");
        }
        if (access == null) {
            throw new ApiError(503, "no-accounts", "this server keeps no accounts");
        }
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiError.badRequest("malformed", "body is not JSON");
        }
        if (body == null || !body.isObject() || !body.path("user").isTextual() || !body.path("password").isTextual()) {
            throw ApiError.badRequest("missing-field", "send {\"user\": \"...\", \"password\": \"...\"}");
        }
        AccessService.Login result = access.login(body.get("user").asText(), body.get("password").asText().toCharArray(),
                ctx.ip());
        if (!result.ok()) {
            switch (result.refusal()) {
                case "locked" -> throw new ApiError(429, "locked", "too many failed logins; the account is locked for a while");
                case "rate-limited" -> {
                    ctx.header("Retry-After", "60");
                    throw new ApiError(429, "rate-limited", "too many logins from this address; try again in a minute");
                }
                default -> throw new ApiError(401, "login-failed", "wrong user name or password");
            }
        }
        AccessGate.grant(ctx).map(Grant::session).filter(s -> s != null).ifPresent(old -> access.logout(old, ctx.ip()));
        Session s = result.session();
        ctx.header("Set-Cookie", AccessGate.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
        send(ctx, describe(Grant.of(s.identity(), s)));
    }

    private void logout(Context ctx) {
        Grant g = AccessGate.grant(ctx).orElseThrow();
        if (g.session() != null) {
            access.logout(g.session(), ctx.ip());
        }
        ctx.header("Set-Cookie", AccessGate.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    private ObjectNode describe(Grant g) {
        Identity id = g.identity();
        ObjectNode o = mapper.createObjectNode().put("user", id.name()).put("role", id.role().id())
                .put("agency", id.agency()).put("kind", id.kind().name().toLowerCase(Locale.ROOT));
        o.put("csrf", g.session() == null ? null : g.session().csrf());
        var actions = o.putArray("actions");
        for (Action a : Action.values()) {
            if (g.may(a)) {
                actions.add(a.name().toLowerCase(Locale.ROOT));
            }
        }
        return o;
    }

    private void send(Context ctx, ObjectNode o) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
