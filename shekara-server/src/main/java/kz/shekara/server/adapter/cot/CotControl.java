package kz.shekara.server.adapter.cot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The server's answers to TAK control events: a ping (t-x-c-t) gets a pong (t-x-c-t-r) stamped by
 * the injected clock; a TAK protocol query (t-x-takp-q) gets a t-x-takp-r whose status is true for
 * version 0 (XML) and 1 (protobuf, {@link TakV1}). A client that connects is offered version 1
 * (t-x-takp-v with TakProtocolSupport). Thread-safe.
 */
final class CotControl {
    static final String PING = "t-x-c-t";
    static final String PONG = "t-x-c-t-r";
    static final String PROTOCOL_QUERY = "t-x-takp-q";
    static final String PROTOCOL_RESPONSE = "t-x-takp-r";
    static final String PROTOCOL_OFFER = "t-x-takp-v";
    private static final Duration STALE = Duration.ofSeconds(20);

    private final Clock clock;

    CotControl(Clock clock) {
        this.clock = clock;
    }

    static boolean isPing(CotEvent e) {
        return PING.equals(e.type());
    }

    static boolean isProtocolQuery(CotEvent e) {
        return e.type().startsWith("t-x-takp");
    }

    /** The answer to a ping or protocol query. */
    CotEvent answer(CotEvent request) {
        Instant now = clock.instant();
        if (isPing(request)) {
            return event("takPong", PONG, now, CotDetail.EMPTY);
        }
        String version = request.detail().takRequestVersion();
        boolean spoken = "0".equals(version) || "1".equals(version);
        CotDetail d = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null, null, null, null, null,
                java.util.List.of(), java.util.List.of(), java.util.List.of(), null, spoken);
        return event("protouid", PROTOCOL_RESPONSE, now, d);
    }

    /** True for a query this server answers by switching to TAK protocol v1. */
    static boolean asksForVersion1(CotEvent e) {
        return PROTOCOL_QUERY.equals(e.type()) && "1".equals(e.detail().takRequestVersion());
    }

    /** The offer sent to a client that connects: TAK protocol version 1 is supported (XML, the offer's own form). */
    byte[] offer() {
        Instant now = clock.instant();
        return ("<event version=\"2.0\" uid=\"protouid\" type=\"" + PROTOCOL_OFFER + "\" how=\"m-g\" time=\"" + now
                + "\" start=\"" + now + "\" stale=\"" + now.plusSeconds(60) + "\"><point lat=\"0.0\" lon=\"0.0\""
                + " hae=\"0.0\" ce=\"999999\" le=\"999999\"/><detail><TakControl><TakProtocolSupport version=\"1\"/>"
                + "</TakControl></detail></event>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static CotEvent event(String uid, String type, Instant now, CotDetail d) {
        return new CotEvent(uid, type, "m-g", now, now, now.plus(STALE), null, 0, 0, CotEvent.UNKNOWN,
                CotEvent.UNKNOWN, CotEvent.UNKNOWN, d);
    }
}
