package kz.shekara.server.adapter.cot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.server.adapter.cot.takproto.Contact;
import kz.shekara.server.adapter.cot.takproto.Detail;
import kz.shekara.server.adapter.cot.takproto.Group;
import kz.shekara.server.adapter.cot.takproto.PrecisionLocation;
import kz.shekara.server.adapter.cot.takproto.Status;
import kz.shekara.server.adapter.cot.takproto.TakMessage;
import kz.shekara.server.adapter.cot.takproto.Takv;
import kz.shekara.server.adapter.cot.takproto.Track;

/**
 * TAK protocol version 1 ↔ CoT XML. A CoT event becomes a {@code TakMessage}: the event and point
 * attributes in their fields, the detail elements that have a field of their own ({@code contact},
 * {@code __group}, {@code precisionlocation}, {@code status}, {@code takv}, {@code track}, when
 * written as empty elements) in those, every other detail element as XML in {@code xmlDetail}; and
 * back. Stream framing is {@code 0xbf}, the message length as a varint, the message; a mesh
 * datagram is {@code 0xbf 0x01 0xbf} and the message. Pure, stateless, thread-safe; cost linear in
 * the event's size.
 */
final class TakV1 {
    static final int MAGIC = 0xbf;
    private static final Pattern DETAIL = Pattern.compile("<detail\\s*(/>|>(.*)</detail>)", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("([\\w:.-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final String[] STRUCTURED = {"contact", "__group", "precisionlocation", "status", "takv", "track"};

    private TakV1() {
    }

    /** The version 1 stream frame of an encoded XML event, decoded already as {@code e}. */
    static byte[] streamFrame(CotEvent e, byte[] xml) {
        byte[] msg = message(e, new String(xml, StandardCharsets.UTF_8)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(msg.length + 6);
        out.write(MAGIC);
        long n = msg.length;
        while (n >= 0x80) {
            out.write((int) (n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
        out.writeBytes(msg);
        return out.toByteArray();
    }

    /** The message for event {@code e} whose XML is {@code xml}. */
    static TakMessage message(CotEvent e, String xml) {
        kz.shekara.server.adapter.cot.takproto.CotEvent.Builder b = kz.shekara.server.adapter.cot.takproto.CotEvent
                .newBuilder().setType(e.type()).setUid(e.uid()).setHow(e.how())
                .setSendTime(e.time().toEpochMilli()).setStartTime(e.start().toEpochMilli())
                .setStaleTime(e.stale().toEpochMilli()).setLat(e.lat()).setLon(e.lon()).setHae(e.hae()).setCe(e.ce())
                .setLe(e.le());
        if (e.opex() != null) {
            b.setOpex(e.opex());
        }
        Matcher m = DETAIL.matcher(xml);
        String inner = m.find() && m.group(2) != null ? m.group(2) : "";
        Detail.Builder d = Detail.newBuilder();
        for (String name : STRUCTURED) {
            Matcher el = Pattern.compile("<" + Pattern.quote(name) + "(\\s[^>]*)?/>").matcher(inner);
            if (el.find()) {
                Map<String, String> a = attributes(el.group(1) == null ? "" : el.group(1));
                if (structured(d, name, a)) {
                    inner = inner.substring(0, el.start()) + inner.substring(el.end());
                }
            }
        }
        d.setXmlDetail(inner.strip());
        return TakMessage.newBuilder().setCotEvent(b.setDetail(d)).build();
    }

    private static boolean structured(Detail.Builder d, String name, Map<String, String> a) {
        try {
            switch (name) {
                case "contact" -> d.setContact(Contact.newBuilder().setEndpoint(a.getOrDefault("endpoint", ""))
                        .setCallsign(a.getOrDefault("callsign", "")));
                case "__group" -> d.setGroup(Group.newBuilder().setName(a.getOrDefault("name", ""))
                        .setRole(a.getOrDefault("role", "")));
                case "precisionlocation" -> d.setPrecisionLocation(PrecisionLocation.newBuilder()
                        .setGeopointsrc(a.getOrDefault("geopointsrc", "")).setAltsrc(a.getOrDefault("altsrc", "")));
                case "status" -> d.setStatus(Status.newBuilder().setBattery(Integer.parseInt(a.getOrDefault("battery", "0"))));
                case "takv" -> d.setTakv(Takv.newBuilder().setDevice(a.getOrDefault("device", ""))
                        .setPlatform(a.getOrDefault("platform", "")).setOs(a.getOrDefault("os", ""))
                        .setVersion(a.getOrDefault("version", "")));
                case "track" -> d.setTrack(Track.newBuilder().setSpeed(Double.parseDouble(a.getOrDefault("speed", "0")))
                        .setCourse(Double.parseDouble(a.getOrDefault("course", "0"))));
                default -> {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            // Not representable in the field: the element stays in xmlDetail as written.
            return false;
        }
    }

    /** The CoT XML of a version 1 message's event. */
    static byte[] xml(kz.shekara.server.adapter.cot.takproto.CotEvent e) {
        StringBuilder s = new StringBuilder(256).append("<event version=\"2.0\"");
        attr(s, "uid", e.getUid());
        attr(s, "type", e.getType());
        attr(s, "how", e.getHow());
        attr(s, "time", Instant.ofEpochMilli(e.getSendTime()).toString());
        attr(s, "start", Instant.ofEpochMilli(e.getStartTime()).toString());
        attr(s, "stale", Instant.ofEpochMilli(e.getStaleTime()).toString());
        optional(s, "access", e.getAccess());
        optional(s, "qos", e.getQos());
        optional(s, "opex", e.getOpex());
        s.append("><point");
        attr(s, "lat", Double.toString(e.getLat()));
        attr(s, "lon", Double.toString(e.getLon()));
        attr(s, "hae", Double.toString(e.getHae()));
        attr(s, "ce", Double.toString(e.getCe()));
        attr(s, "le", Double.toString(e.getLe()));
        s.append("/><detail>");
        Detail d = e.getDetail();
        if (d.hasContact()) {
            s.append("<contact");
            optional(s, "endpoint", d.getContact().getEndpoint());
            optional(s, "callsign", d.getContact().getCallsign());
            s.append("/>");
        }
        if (d.hasGroup()) {
            s.append("<__group");
            attr(s, "name", d.getGroup().getName());
            attr(s, "role", d.getGroup().getRole());
            s.append("/>");
        }
        if (d.hasPrecisionLocation()) {
            s.append("<precisionlocation");
            optional(s, "geopointsrc", d.getPrecisionLocation().getGeopointsrc());
            optional(s, "altsrc", d.getPrecisionLocation().getAltsrc());
            s.append("/>");
        }
        if (d.hasStatus()) {
            s.append("<status battery=\"").append(d.getStatus().getBattery()).append("\"/>");
        }
        if (d.hasTakv()) {
            s.append("<takv");
            optional(s, "device", d.getTakv().getDevice());
            optional(s, "platform", d.getTakv().getPlatform());
            optional(s, "os", d.getTakv().getOs());
            optional(s, "version", d.getTakv().getVersion());
            s.append("/>");
        }
        if (d.hasTrack()) {
            s.append("<track");
            attr(s, "course", Double.toString(d.getTrack().getCourse()));
            attr(s, "speed", Double.toString(d.getTrack().getSpeed()));
            s.append("/>");
        }
        s.append(d.getXmlDetail()).append("</detail></event>");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> attributes(String s) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            a.put(m.group(1), unescape(m.group(3) != null ? m.group(3) : m.group(4)));
        }
        return a;
    }

    private static void optional(StringBuilder s, String name, String value) {
        if (!value.isEmpty()) {
            attr(s, name, value);
        }
    }

    private static void attr(StringBuilder s, String name, String value) {
        s.append(' ').append(name).append("=\"").append(value.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;")).append('"');
    }

    private static String unescape(String v) {
        return v.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
