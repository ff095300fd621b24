package kz.shekara.server.adapter.cot;

import java.time.Instant;

/** CoT XML a TAK device sends, for tests: its SA, a ping, a direct GeoChat. */
final class TakXml {
    private TakXml() {
    }

    static String sa(String uid, String callsign, double lat, double lon, Instant t) {
        return "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(120) + "\"><point lat=\"" + lat + "\" lon=\""
                + lon + "\" hae=\"300\" ce=\"10\" le=\"9999999\"/><detail><contact callsign=\"" + callsign
                + "\" endpoint=\"*:-1:stcp\"/><__group name=\"Cyan\" role=\"Team Member\"/></detail></event>\n";
    }

    static String ping(String uid) {
        Instant t = Instant.parse("2026-03-01T06:00:00Z");
        return "<event version=\"2.0\" uid=\"" + uid + "-ping\" type=\"t-x-c-t\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(20)
                + "\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>";
    }

    /** A direct chat from a device to {@code room} (a callsign), as ATAK writes a reply. */
    static String chat(String fromUid, String fromCallsign, String id, String text, String room, Instant t) {
        return "<event version=\"2.0\" uid=\"GeoChat." + fromUid + "." + room + "." + id
                + "\" type=\"b-t-f\" how=\"h-g-i-g-o\" time=\"" + t + "\" start=\"" + t + "\" stale=\""
                + t.plusSeconds(86_400) + "\"><point lat=\"41.56\" lon=\"69.3\" hae=\"0\" ce=\"10\" le=\"9999999\"/>"
                + "<detail><__chat parent=\"RootContactGroup\" groupOwner=\"false\" chatroom=\"" + room + "\" id=\""
                + room + "\" senderCallsign=\"" + fromCallsign + "\" messageId=\"" + id + "\"><chatgrp uid0=\""
                + fromUid + "\" uid1=\"" + room + "\" id=\"" + room + "\"/></__chat><link uid=\"" + fromUid
                + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/><remarks source=\"BAO.F.ATAK." + fromUid + "\" to=\""
                + room + "\" time=\"" + t + "\">" + text + "</remarks><marti><dest callsign=\"" + room
                + "\"/></marti></detail></event>";
    }
}
