package kz.shekara.server.adapter.cot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link CotEvent} as standard CoT XML (UTF-8, no XML declaration, one line), the way TAK
 * streaming servers frame it. A delete task ({@code t-x-d-d}) always carries {@code __forcedelete}:
 * Shekara sends one only to remove the linked item, and ATAK without it merely marks the item stale.
 * Deterministic: the same event gives the same bytes. Times are written
 * to the millisecond in UTC; numbers in plain decimal notation. Stateless and thread-safe.
 */
public final class CotEncoder {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public byte[] encode(CotEvent e) {
        return toXml(e).getBytes(StandardCharsets.UTF_8);
    }

    public String toXml(CotEvent e) {
        StringBuilder b = new StringBuilder(512);
        b.append("<event version=\"2.0\"");
        attr(b, "uid", e.uid());
        attr(b, "type", e.type());
        attr(b, "how", e.how());
        attr(b, "time", time(e.time()));
        attr(b, "start", time(e.start()));
        attr(b, "stale", time(e.stale()));
        attr(b, "opex", e.opex());
        b.append("><point");
        attr(b, "lat", number(e.lat()));
        attr(b, "lon", number(e.lon()));
        attr(b, "hae", number(e.hae()));
        attr(b, "ce", number(e.ce()));
        attr(b, "le", number(e.le()));
        b.append("/>");
        detail(b, e.detail(), CotMapping.DELETE_TYPE.equals(e.type()));
        return b.append("</event>").toString();
    }

    private static void detail(StringBuilder b, CotDetail d, boolean forceDelete) {
        b.append("<detail>");
        if (d.callsign() != null || d.endpoint() != null) {
            b.append("<contact");
            attr(b, "callsign", d.callsign());
            attr(b, "endpoint", d.endpoint());
            b.append("/>");
        }
        if (d.groupName() != null || d.groupRole() != null) {
            b.append("<__group");
            attr(b, "name", d.groupName());
            attr(b, "role", d.groupRole());
            b.append("/>");
        }
        if (!Double.isNaN(d.courseDeg()) || !Double.isNaN(d.speedMps())) {
            b.append("<track");
            attr(b, "course", Double.isNaN(d.courseDeg()) ? null : number(d.courseDeg()));
            attr(b, "speed", Double.isNaN(d.speedMps()) ? null : number(d.speedMps()));
            b.append("/>");
        }
        if (d.battery() != null) {
            b.append("<status");
            attr(b, "battery", d.battery().toString());
            b.append("/>");
        }
        if (d.chat() != null) {
            chat(b, d.chat());
        }
        for (CotDetail.CotLink l : d.links()) {
            b.append("<link");
            attr(b, "uid", l.uid());
            attr(b, "type", l.type());
            attr(b, "relation", l.relation());
            b.append("/>");
        }
        if (d.remarks() != null) {
            b.append("<remarks");
            attr(b, "source", d.remarksSource());
            attr(b, "to", d.remarksTo());
            b.append('>');
            escape(b, d.remarks());
            b.append("</remarks>");
        }
        if (d.hasDestinations()) {
            b.append("<marti>");
            for (String c : d.destCallsigns()) {
                b.append("<dest");
                attr(b, "callsign", c);
                b.append("/>");
            }
            for (String u : d.destUids()) {
                b.append("<dest");
                attr(b, "uid", u);
                b.append("/>");
            }
            b.append("</marti>");
        }
        if (d.takRequestVersion() != null || d.takResponseStatus() != null) {
            b.append("<TakControl>");
            if (d.takRequestVersion() != null) {
                b.append("<TakRequest");
                attr(b, "version", d.takRequestVersion());
                b.append("/>");
            }
            if (d.takResponseStatus() != null) {
                b.append("<TakResponse");
                attr(b, "status", d.takResponseStatus().toString());
                b.append("/>");
            }
            b.append("</TakControl>");
        }
        if (forceDelete) {
            b.append("<__forcedelete/>");
        }
        b.append("</detail>");
    }

    private static void chat(StringBuilder b, CotDetail.CotChat c) {
        b.append("<__chat");
        attr(b, "parent", c.parent());
        attr(b, "groupOwner", c.groupOwner());
        attr(b, "chatroom", c.chatroom());
        attr(b, "id", c.id());
        attr(b, "senderCallsign", c.senderCallsign());
        attr(b, "messageId", c.messageId());
        if (c.uid0() == null && c.uid1() == null) {
            b.append("/>");
            return;
        }
        b.append("><chatgrp");
        attr(b, "uid0", c.uid0());
        attr(b, "uid1", c.uid1());
        attr(b, "id", c.id());
        b.append("/></__chat>");
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    private static void attr(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        b.append(' ').append(name).append("=\"");
        escape(b, value);
        b.append('"');
    }

    private static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        b.append(' '); // not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
