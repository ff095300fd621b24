package kz.shekara.server.adapter.cot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The server's answers to TAK control events: a ping (t-x-c-t) gets a pong (t-x-c-t-r) stamped by
 * the injected clock; a TAK protocol query (t-x-takp-q) gets a t-x-takp-r whose status is true only
 * for version 0 (XML streaming, the only protocol this server speaks). Thread-safe.
 */
final class CotControl {
    static final String PING = "t-x-c-t";
    static final String PONG = "t-x-c-t-r";
    static final String PROTOCOL_QUERY = "t-x-takp-q";
    static final String PROTOCOL_RESPONSE = "t-x-takp-r";
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
        boolean xml = "0".equals(request.detail().takRequestVersion());
        CotDetail d = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null, null, null, null, null,
                java.util.List.of(), java.util.List.of(), java.util.List.of(), null, xml);
        return event("protouid", PROTOCOL_RESPONSE, now, d);
    }

    private static CotEvent event(String uid, String type, Instant now, CotDetail d) {
        return new CotEvent(uid, type, "m-g", now, now, now.plus(STALE), null, 0, 0, CotEvent.UNKNOWN,
                CotEvent.UNKNOWN, CotEvent.UNKNOWN, d);
    }
}
