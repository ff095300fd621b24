package kz.shekara.server.api;

import io.javalin.http.Context;
import kz.shekara.server.access.Identity;

/**
 * The authenticated caller of a request, set once per request by the access check before any route
 * runs. Routes take the actor of a command ({@code by}) from here, never from the request body.
 */
public final class Caller {
    static final String ATTRIBUTE = "shekara.identity";

    private Caller() {
    }

    /** The request's identity; a 401 when the request has none (a route reached without the access check). */
    public static Identity of(Context ctx) {
        Identity id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            throw new ApiError(401, "unauthenticated", "log in or send a bearer token");
        }
        return id;
    }

    /** The identity of a WebSocket session: its upgrade request's caller; a 401 when it had none. */
    public static Identity of(io.javalin.websocket.WsContext ctx) {
        Identity id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            throw new ApiError(401, "unauthenticated", "log in or send a bearer token");
        }
        return id;
    }

    /**
     * Sets the request's identity: the access check in {@link ApiServer} does, and so may a test that
     * mounts these routes on a Javalin of its own.
     */
    public static void set(Context ctx, Identity identity) {
        ctx.attribute(ATTRIBUTE, identity);
    }
}
