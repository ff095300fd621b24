package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.Account;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Role;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Theatre;

/**
 * Account keeping on the API, for the admin role (route action {@code ACCOUNTS}, see docs/access.md):
 * <ul>
 * <li>{@code GET /api/v1/accounts} — every account: user, role, agency, groups, state (active,
 * locked, disabled), created; never a password hash</li>
 * <li>{@code POST /api/v1/accounts} {@code {"user","role","agency","password"}}, optionally
 * {@code "groups"} — adds one (201)</li>
 * <li>{@code POST /api/v1/accounts/{user}/disable} and {@code /enable} — a disabled account loses its
 * sessions, tokens and TAK connections at once ({@link AccessService#disable})</li>
 * <li>{@code PUT /api/v1/accounts/{user}/password} {@code {"password"}} — sets a new one</li>
 * <li>{@code PUT /api/v1/accounts/{user}/groups} {@code {"groups": [..]}} — sets the named groups it
 * belongs to beyond its agency (its TAK devices' routing groups, from their next connection)</li>
 * </ul>
 * A password is read from the body, hashed and forgotten: never answered, logged or audited, and a
 * body that is not JSON is refused without quoting it. Each change is audited with the admin as
 * actor. Refusals: 400 (bad body, user name, role, agency or password), 404 (no such user), 409 (the
 * user exists). Thread-safe.
 */
final class AccountsApi {
    private final AccessService access;
    private final Theatre theatre;
    private final ObjectMapper mapper = new ObjectMapper();

    AccountsApi(AccessService access, Theatre theatre) {
        this.access = Objects.requireNonNull(access, "access");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
    }

    void register(Javalin app) {
        app.get("/api/v1/accounts", ctx -> {
            ArrayNode out = mapper.createArrayNode();
            access.accounts().list().forEach(a -> out.add(json(a)));
            ResponseApi.send(ctx, 200, out);
        });
        app.post("/api/v1/accounts", this::add);
        app.post("/api/v1/accounts/{user}/disable", ctx -> {
            String user = ctx.pathParam("user");
            found(access.disable(user, actor(ctx), ctx.ip()), user);
            ResponseApi.send(ctx, 200, json(access.accounts().find(user).orElseThrow()));
        });
        app.post("/api/v1/accounts/{user}/enable", ctx -> {
            String user = ctx.pathParam("user");
            found(access.enable(user, actor(ctx), ctx.ip()), user);
            ResponseApi.send(ctx, 200, json(access.accounts().find(user).orElseThrow()));
        });
        app.put("/api/v1/accounts/{user}/groups", ctx -> {
            String user = ctx.pathParam("user");
            found(access.setGroups(user, groups(body(ctx, Set.of("groups"))), actor(ctx), ctx.ip()), user);
            ResponseApi.send(ctx, 200, json(access.accounts().find(user).orElseThrow()));
        });
        app.put("/api/v1/accounts/{user}/password", ctx -> {
            String user = ctx.pathParam("user");
            char[] password = password(body(ctx, Set.of("password")));
            try {
                found(access.setPassword(user, password, actor(ctx), ctx.ip()), user);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad-password", e.getMessage());
            } finally {
                Arrays.fill(password, '\0');
            }
            ResponseApi.send(ctx, 200, json(access.accounts().find(user).orElseThrow()));
        });
    }

    private void add(Context ctx) {
        JsonNode body = body(ctx, Set.of("user", "role", "agency", "groups", "password"));
        String user = ResponseApi.text(body, "user");
        Role role;
        try {
            role = Role.of(ResponseApi.text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad-role", e.getMessage());
        }
        String agency = ResponseApi.text(body, "agency");
        if (theatre.agencies().stream().noneMatch(a -> a.id().equals(agency))) {
            throw ApiError.badRequest("bad-agency", "unknown agency '" + agency + "'; the theatre's agencies: "
                    + String.join(", ", theatre.agencies().stream().map(Agency::id).toList()));
        }
        if (access.accounts().find(user).isPresent()) {
            throw new ApiError(409, "exists", "user '" + user + "' exists");
        }
        char[] password = password(body);
        try {
            access.add(user, role, agency, body.has("groups") ? groups(body) : Set.of(), password, actor(ctx), ctx.ip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad-account", e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        ResponseApi.send(ctx, 201, json(access.accounts().find(user).orElseThrow()));
    }

    private ObjectNode json(Account a) {
        String state = access.state(a);
        ObjectNode o = mapper.createObjectNode().put("user", a.user()).put("role", a.role().id()).put("agency", a.agency())
                .put("state", state).put("created", a.created().toString());
        ArrayNode groups = o.putArray("groups");
        a.groups().forEach(groups::add);
        return o;
    }

    /** The {@code groups} of a body: an array of group names. */
    private static Set<String> groups(JsonNode body) {
        JsonNode g = body.get("groups");
        if (g == null || !g.isArray()) {
            throw ApiError.badRequest("missing-field", "field 'groups' must be an array of group names");
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (JsonNode n : g) {
            if (!n.isTextual()) {
                throw ApiError.badRequest("bad-group", "every group must be a string");
            }
            try {
                out.add(kz.shekara.server.access.AccountStore.checkGroup(n.asText()));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("bad-group", e.getMessage());
            }
        }
        return out;
    }

    private static String actor(Context ctx) {
        Identity who = Caller.of(ctx);
        return who.name();
    }

    private static void found(boolean found, String user) {
        if (!found) {
            throw new ApiError(404, "not-found", "no user '" + user + "'");
        }
    }

    private static char[] password(JsonNode body) {
        JsonNode v = body.get("password");
        if (v == null || !v.isTextual()) {
            throw ApiError.badRequest("missing-field", "field 'password' must be a string");
        }
        return v.asText().toCharArray();
    }

    /** The JSON object body, its fields all {@code known}; never quotes what it could not read (it may hold a password). */
    private JsonNode body(Context ctx, Set<String> known) {
        try {
            return ResponseApi.body(mapper, ctx, known);
        } catch (ApiError e) {
            if (e.error().equals("malformed-json")) {
                throw ApiError.badRequest("malformed-json", "the body is not a valid JSON object");
            }
            throw e;
        }
    }
}
