package kz.shekara.server.api;

import io.javalin.http.Context;

/** Query parameters shared by the API's list routes. Stateless. */
public final class QueryParams {
    private QueryParams() {
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
