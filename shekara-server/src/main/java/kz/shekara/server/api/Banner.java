package kz.shekara.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.model.Classification;

/**
 * The marking banner of every API answer: the header {@value #HEADER} names the highest
 * classification the JSON body carries (each marked object in it has a {@code classification}
 * field), {@code UNCLASSIFIED} when it carries none. Read off the body as sent, so it cannot
 * disagree with it. The web map shows it as the banner at the top of the page. Costs one scan of
 * the body.
 */
final class Banner {
    /** The response header naming the highest classification in the body. */
    static final String HEADER = "X-Shekara-Classification";
    private static final Pattern FIELD = Pattern.compile("\"classification\"\\s*:\\s*\"([A-Z_]+)\"");

    private Banner() {
    }

    static void install(Javalin app) {
        app.after("/api/*", Banner::mark);
    }

    private static void mark(Context ctx) {
        String type = ctx.res().getContentType();
        if (type == null || !type.contains("json")) {
            return;
        }
        String body = ctx.result();
        if (body == null) {
            return;
        }
        ctx.header(HEADER, highest(body).name());
        ctx.result(body);
    }

    /** The highest classification named by a {@code classification} field in a JSON text. */
    static Classification highest(String json) {
        Classification max = Classification.UNCLASSIFIED;
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            try {
                max = Classification.max(max, Classification.valueOf(m.group(1)));
            } catch (IllegalArgumentException e) {
                // Not a marking (some other field of that name): it does not raise the banner.
            }
        }
        return max;
    }
}
