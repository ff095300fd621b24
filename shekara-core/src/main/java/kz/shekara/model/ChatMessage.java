package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A GeoChat message between TAK users or from the operations centre. {@code chatroom} is the
 * room or the recipient callsign ("All Chat Rooms" for everyone); lat/lon is the sender's
 * position at sending time, NaN when not known.
 */
public record ChatMessage(Instant time, String id, String senderUid, String senderCallsign, String chatroom,
                          String text, double lat, double lon, Marking marking) implements DomainEvent {

    public ChatMessage {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(senderUid, "senderUid");
        Objects.requireNonNull(senderCallsign, "senderCallsign");
        Objects.requireNonNull(chatroom, "chatroom");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(marking, "marking");
        if (!Double.isNaN(lat) || !Double.isNaN(lon)) {
            Coordinates.check(lat, lon);
        }
    }
}
