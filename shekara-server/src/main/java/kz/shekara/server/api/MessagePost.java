package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Marking;

/**
 * Decodes a GeoChat message the operations centre sends through {@code POST /api/v1/messages}:
 * {@code {"text": "...", "chatroom": "All Chat Rooms"}} (chatroom optional). Refuses, with an
 * {@link ApiError} whose code is the rejection reason, bodies over {@value #MAX_BODY_BYTES} bytes,
 * malformed JSON, unknown fields, a missing or blank text, text over {@value #MAX_TEXT_CHARS}
 * characters. Stateless; thread-safe.
 */
final class MessagePost {
    static final int MAX_BODY_BYTES = 8 * 1024;
    static final int MAX_TEXT_CHARS = 1000;
    static final int MAX_CHATROOM_CHARS = 100;
    static final String ALL_CHAT_ROOMS = "All Chat Rooms";
    static final String OPS_UID = "SHEKARA-OPS";
    static final String OPS_CALLSIGN = "OPS";
    private static final Set<String> FIELDS = Set.of("text", "chatroom");

    private MessagePost() {
    }

    /** The message, sent as the operations centre's TAK uid with the sender's name ({@code by}, the caller) as callsign. */
    static ChatMessage decode(ObjectMapper mapper, byte[] body, Instant time, Marking marking, String by) {
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "oversized", "message body over " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("malformed", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("malformed", "body could not be read: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw ApiError.badRequest("malformed", "body must be a JSON object");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw ApiError.badRequest("unknown-field", "unknown field '" + f + "'; allowed: text, chatroom");
            }
        }
        String text = string(n, "text", MAX_TEXT_CHARS);
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("missing-field", "field 'text' is required and must not be blank");
        }
        String room = string(n, "chatroom", MAX_CHATROOM_CHARS);
        if (room == null || room.isBlank()) {
            room = ALL_CHAT_ROOMS;
        }
        return new ChatMessage(time, "ops-" + UUID.randomUUID(), OPS_UID, OPS_CALLSIGN + " " + by, room.strip(), text.strip(),
                Double.NaN, Double.NaN, marking);
    }

    private static String string(JsonNode n, String field, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest("wrong-type", "field '" + field + "' must be a string");
        }
        if (v.asText().length() > max) {
            throw ApiError.badRequest("out-of-range", "field '" + field + "' is over " + max + " characters");
        }
        return v.asText();
    }
}
