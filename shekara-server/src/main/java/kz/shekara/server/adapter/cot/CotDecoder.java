package kz.shekara.server.adapter.cot;

import com.ctc.wstx.stax.WstxInputFactory;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import kz.shekara.model.EventTimes;
import kz.shekara.server.adapter.DecodeException;
import org.codehaus.stax2.io.Stax2ByteArraySource;

/**
 * Decodes one CoT XML event (a frame from {@link CotFramer}) into a {@link CotEvent}: pure, no
 * clock, no I/O beyond the given bytes. StAX (Woodstox, several times faster than the JDK's parser
 * on small documents) with DTDs and external entities disabled; a document
 * with a DOCTYPE is rejected. Validates required attributes, lat/lon ranges and time/start/stale
 * order. Not thread-safe (one per connection or thread); about a few microseconds per SA event.
 *
 * <p>Rejection reasons: {@code oversized}, {@code malformed-xml}, {@code dtd-forbidden},
 * {@code not-an-event}, {@code missing-attribute}, {@code missing-point}, {@code bad-number},
 * {@code bad-time}, {@code lat-out-of-range}, {@code lon-out-of-range}, {@code stale-before-start}.
 */
public final class CotDecoder {
    private final WstxInputFactory factory;
    private final int maxEventBytes;

    public CotDecoder(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        WstxInputFactory wstx = new WstxInputFactory();
        wstx.configureForSpeed();
        factory = wstx;
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    public CotEvent decode(byte[] frame) throws DecodeException {
        return decode(frame, 0, frame.length);
    }

    public CotEvent decode(byte[] buf, int off, int len) throws DecodeException {
        if (len > maxEventBytes) {
            throw new DecodeException("oversized", "event of " + len + " bytes exceeds " + maxEventBytes);
        }
        XMLStreamReader r = null;
        try {
            // Parsed from the frame's bytes where they lie: no stream over them, no copy into a buffer of its own.
            r = factory.createXMLStreamReader(new Stax2ByteArraySource(buf, off, len));
            toRoot(r);
            return event(r);
        } catch (XMLStreamException | RuntimeException e) {
            // StAX parsers wrap some well-formedness errors in unchecked exceptions.
            throw new DecodeException("malformed-xml", "malformed XML: " + firstLine(e.getMessage()), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the byte array
                }
            }
        }
    }

    private static void toRoot(XMLStreamReader r) throws XMLStreamException, DecodeException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new DecodeException("dtd-forbidden", "DOCTYPE declarations are not accepted");
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (!"event".equals(r.getLocalName())) {
                    throw new DecodeException("not-an-event", "root element is <" + r.getLocalName() + ">, not <event>");
                }
                return;
            }
        }
        throw new DecodeException("not-an-event", "no <event> element");
    }

    private CotEvent event(XMLStreamReader r) throws XMLStreamException, DecodeException {
        String uid = required(r, "uid");
        String type = required(r, "type");
        String how = required(r, "how");
        Instant time = instant(r, "time");
        Instant start = instant(r, "start");
        Instant stale = instant(r, "stale");
        String opex = r.getAttributeValue(null, "opex");
        if (stale.isBefore(start)) {
            throw new DecodeException("stale-before-start", "stale " + stale + " is before start " + start);
        }
        double[] point = null;
        CotDetail detail = CotDetail.EMPTY;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "point" -> {
                    point = point(r);
                    skip(r);
                }
                case "detail" -> detail = new DetailReader(r).read();
                default -> skip(r);
            }
        }
        if (point == null) {
            throw new DecodeException("missing-point", "event " + uid + " has no <point>");
        }
        return new CotEvent(uid, type, how, time, start, stale, opex, point[0], point[1], point[2], point[3],
                point[4], detail);
    }

    private static double[] point(XMLStreamReader r) throws DecodeException {
        double lat = requiredNumber(r, "lat");
        double lon = requiredNumber(r, "lon");
        if (!(lat >= -90 && lat <= 90)) {
            throw new DecodeException("lat-out-of-range", "latitude out of [-90, 90]: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new DecodeException("lon-out-of-range", "longitude out of [-180, 180]: " + lon);
        }
        return new double[] {lat, lon, number(r, "hae", CotEvent.UNKNOWN), number(r, "ce", CotEvent.UNKNOWN),
            number(r, "le", CotEvent.UNKNOWN)};
    }

    private static double requiredNumber(XMLStreamReader r, String name) throws DecodeException {
        if (r.getAttributeValue(null, name) == null) {
            throw new DecodeException("missing-attribute", "<" + r.getLocalName() + "> lacks " + name);
        }
        return number(r, name, Double.NaN);
    }

    private static double number(XMLStreamReader r, String name, double absent) throws DecodeException {
        String v = r.getAttributeValue(null, name);
        if (v == null) {
            return absent;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new DecodeException("bad-number", name + " is not a number: '" + v + "'");
        }
    }

    private static String required(XMLStreamReader r, String name) throws DecodeException {
        String v = r.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            throw new DecodeException("missing-attribute", "<event> lacks " + name);
        }
        return v;
    }

    private static Instant instant(XMLStreamReader r, String name) throws DecodeException {
        String v = required(r, name);
        Instant t;
        try {
            t = CotTime.parse(v.trim());
        } catch (DateTimeException e) {
            throw new DecodeException("bad-time", name + " is not an ISO-8601 instant: '" + v + "'");
        }
        if (!EventTimes.inRange(t)) {
            throw new DecodeException("time-out-of-range", name + " " + t + " is outside " + EventTimes.EARLIEST
                    + " .. " + EventTimes.LATEST);
        }
        return t;
    }

    /** Skips the current element and everything in it; leaves the reader on its end tag. */
    static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads the children of {@code detail} Shekara understands; skips the rest. */
    private static final class DetailReader {
        private final XMLStreamReader r;
        private String callsign;
        private String endpoint;
        private String groupName;
        private String groupRole;
        private double course = Double.NaN;
        private double speed = Double.NaN;
        private Integer battery;
        private String remarks;
        private String remarksSource;
        private String remarksTo;
        private CotDetail.CotChat chat;
        private final List<CotDetail.CotLink> links = new ArrayList<>();
        private final List<String> destCallsigns = new ArrayList<>();
        private final List<String> destUids = new ArrayList<>();
        private String takRequestVersion;
        private Boolean takResponseStatus;

        DetailReader(XMLStreamReader r) {
            this.r = r;
        }

        CotDetail read() throws XMLStreamException, DecodeException {
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "contact" -> {
                        callsign = attr("callsign");
                        endpoint = attr("endpoint");
                        skip(r);
                    }
                    case "__group" -> {
                        groupName = attr("name");
                        groupRole = attr("role");
                        skip(r);
                    }
                    case "track" -> {
                        course = number(r, "course", Double.NaN);
                        speed = number(r, "speed", Double.NaN);
                        skip(r);
                    }
                    case "status" -> {
                        String b = attr("battery");
                        battery = b == null ? null : (int) Math.round(number(r, "battery", 0));
                        skip(r);
                    }
                    case "remarks" -> {
                        remarksSource = attr("source");
                        remarksTo = attr("to");
                        remarks = r.getElementText();
                    }
                    case "__chat" -> chat();
                    case "link" -> {
                        links.add(new CotDetail.CotLink(attr("uid"), attr("type"), attr("relation")));
                        skip(r);
                    }
                    case "marti" -> marti();
                    case "TakControl" -> takControl();
                    default -> skip(r);
                }
            }
            return new CotDetail(callsign, endpoint, groupName, groupRole, course, speed, battery, remarks,
                    remarksSource, remarksTo, chat, links, destCallsigns, destUids, takRequestVersion,
                    takResponseStatus);
        }

        private String attr(String name) {
            return r.getAttributeValue(null, name);
        }

        private void chat() throws XMLStreamException {
            String parent = attr("parent");
            String groupOwner = attr("groupOwner");
            String chatroom = attr("chatroom");
            String id = attr("id");
            String sender = attr("senderCallsign");
            String messageId = attr("messageId");
            String uid0 = null;
            String uid1 = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if ("chatgrp".equals(r.getLocalName())) {
                    uid0 = attr("uid0");
                    uid1 = attr("uid1");
                }
                skip(r);
            }
            chat = new CotDetail.CotChat(parent, groupOwner, chatroom, id, sender, messageId, uid0, uid1);
        }

        private void marti() throws XMLStreamException {
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if ("dest".equals(r.getLocalName())) {
                    String c = attr("callsign");
                    String u = attr("uid");
                    if (c != null) {
                        destCallsigns.add(c);
                    }
                    if (u != null) {
                        destUids.add(u);
                    }
                }
                skip(r);
            }
        }

        private void takControl() throws XMLStreamException {
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "TakRequest" -> takRequestVersion = attr("version");
                    case "TakResponse" -> takResponseStatus = Boolean.valueOf(attr("status"));
                    default -> { }
                }
                skip(r);
            }
        }
    }
}
