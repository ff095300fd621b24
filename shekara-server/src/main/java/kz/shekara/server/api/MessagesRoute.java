package kz.shekara.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import kz.shekara.i18n.Messages;

/**
 * {@code GET /api/v1/i18n}: the {@link Messages} catalogue for the web map, every language at once so the
 * page switches language without a round trip: {@code {"languages": ["kk", "ru", "en"], "messages": {"kk":
 * {key: text, ...}, ...}}}, keys sorted. {@code ?lang=} narrows it to one language (any other code: English).
 * The body is built once; thread-safe.
 */
final class MessagesRoute {
    static final String PATH = "/api/v1/i18n";

    private final ObjectMapper mapper;
    private final byte[] all;

    MessagesRoute(ObjectMapper mapper) {
        this.mapper = mapper;
        this.all = bytes(Messages.LANGUAGES.toArray(String[]::new));
    }

    void register(Javalin app) {
        app.get(PATH, this::get);
    }

    private void get(Context ctx) {
        String lang = ctx.queryParam("lang");
        ctx.contentType("application/json").result(lang == null ? all : bytes(Messages.of(lang).language()));
    }

    private byte[] bytes(String... languages) {
        ObjectNode root = mapper.createObjectNode();
        var codes = root.putArray("languages");
        ObjectNode messages = root.putObject("messages");
        for (String l : languages) {
            codes.add(l);
            ObjectNode texts = messages.putObject(l);
            Messages.of(l).all().forEach(texts::put);
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
