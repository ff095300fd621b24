package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.adapter.DecodeException;

/**
 * Maps CoT events to Shekara's domain events and back. Pure: time comes from the events, stale is
 * event time plus the configured validity. Thread-safe (immutable).
 *
 * <p>In: {@code a-f-G-E-S*} (a fixed sensor's own SA, uid = sensor id, sent as its sign of life) →
 * {@link SensorHeartbeat}; other {@code a-f-*} → {@link UnitPosition} keyed by the event uid, callsign from {@code contact};
 * {@code b-t-f} → {@link ChatMessage}; {@code a-u-*}, {@code a-h-*}, {@code a-s-*} (an object a
 * client reports) → {@link Detection} with the reporting client as sensor, kind {@code patrol},
 * sigma from {@code ce}. Other types (pings, drawings, deletes) map to nothing.
 *
 * <p>Out: units as their own CoT type (a-f-G-U-C ground, a-f-A-M-H helicopter, a-f-S-X boat — set by
 * whoever publishes the position); detections as a-u-G, or a-u-S for AIS; tracks as a-u-G, a-u-S
 * for vessels, with course and speed. A track the tracker ended ({@link TrackStatus#DELETED}) goes
 * out twice: once more as itself with stale = its time (so any client or relay that keeps the last
 * report of a uid holds it as stale, never as live), then as a delete ({@link #trackDelete}).
 * Exercise-marked events carry opex "e" and remarks that begin with "EXERCISE".
 */
public final class CotMapping {
    public static final String CHAT_TYPE = "b-t-f";
    /** TAK emergency alarms and their cancel. */
    public static final String EMERGENCY_PREFIX = "b-a-o-";
    private static final String EMERGENCY_UID_SUFFIX = "-9-1-1";
    public static final String ALL_CHAT_ROOMS = "All Chat Rooms";
    public static final String DETECTION_GROUND = "a-u-G";
    public static final String DETECTION_SEA = "a-u-S";
    /**
     * A fixed sensor's own SA (friendly ground equipment, sensor): its uid is the sensor id and the
     * event is the sensor's heartbeat.
     */
    public static final String SENSOR_TYPE = "a-f-G-E-S";
    /** A delete task: removes the item its {@code link} names from a TAK client's map. */
    public static final String DELETE_TYPE = "t-x-d-d";

    private final Duration validity;
    private final double defaultSigmaM;

    /**
     * @param validity      how long an object sent to TAK clients stays current (stale = time + validity)
     * @param defaultSigmaM the sigma given to a client's sensor report that has no usable {@code ce}
     */
    public CotMapping(Duration validity, double defaultSigmaM) {
        this.validity = Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero() || !(defaultSigmaM > 0)) {
            throw new IllegalArgumentException("validity and defaultSigmaM must be positive");
        }
        this.defaultSigmaM = defaultSigmaM;
    }

    /**
     * The domain event for a CoT event received from a client whose SA uid is {@code senderUid}
     * (null when not known yet), or null when the type carries none.
     */
    public DomainEvent toDomain(CotEvent e, String senderUid, Marking marking) throws DecodeException {
        Marking m = e.isExercise() ? marking.asExercise() : marking;
        String type = e.type();
        try {
            if (type.startsWith(SENSOR_TYPE)) {
                return new SensorHeartbeat(e.time(), e.uid(), m);
            }
            if (type.startsWith("a-f-") || type.equals("a-f")) {
                CotDetail d = e.detail();
                String callsign = d.callsign() != null ? d.callsign() : e.uid();
                return new UnitPosition(e.time(), e.uid(), callsign, type, e.lat(), e.lon(), d.courseDeg(),
                        d.speedMps(), UnitStatus.AVAILABLE, m);
            }
            if (type.equals(CHAT_TYPE)) {
                return chat(e, m);
            }
            if (type.startsWith(EMERGENCY_PREFIX)) {
                return emergency(e, m);
            }
            if (type.startsWith("a-u-") || type.startsWith("a-h-") || type.startsWith("a-s-")) {
                String sensor = senderUid != null ? senderUid
                        : e.detail().parentUid() != null ? e.detail().parentUid() : e.uid();
                double sigma = e.hasCe() ? e.ce() : defaultSigmaM;
                return new Detection(e.time(), sensor, SensorKind.PATROL, e.lat(), e.lon(), sigma, m);
            }
            return null;
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new DecodeException("invalid-value", "event " + e.uid() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A TAK emergency (b-a-o-tbl 911, b-a-o-pan ring the bell, b-a-o-opn troops in contact, ...) or
     * its cancel (b-a-o-can) as a position report of the device that raised it, typed as the
     * emergency, so the rules see who, where and when. ATAK names the event {@code <uid>-9-1-1} and
     * links the device; the unit is that device.
     */
    private static UnitPosition emergency(CotEvent e, Marking m) {
        CotDetail d = e.detail();
        String unit = d.parentUid() != null ? d.parentUid()
                : e.uid().endsWith(EMERGENCY_UID_SUFFIX)
                        ? e.uid().substring(0, e.uid().length() - EMERGENCY_UID_SUFFIX.length()) : e.uid();
        String callsign = d.callsign() != null ? d.callsign() : unit;
        return new UnitPosition(e.time(), unit, callsign, e.type(), e.lat(), e.lon(), d.courseDeg(), d.speedMps(),
                UnitStatus.AVAILABLE, m);
    }

    private static ChatMessage chat(CotEvent e, Marking m) throws DecodeException {
        CotDetail d = e.detail();
        if (d.remarks() == null) {
            throw new DecodeException("bad-chat", "GeoChat " + e.uid() + " has no remarks text");
        }
        CotDetail.CotChat c = d.chat();
        String sender = c != null && c.uid0() != null ? c.uid0() : d.parentUid();
        if (sender == null) {
            sender = d.remarksSource() != null ? d.remarksSource() : e.uid();
        }
        String callsign = c != null && c.senderCallsign() != null ? c.senderCallsign() : sender;
        String room = c != null && c.chatroom() != null ? c.chatroom()
                : d.remarksTo() != null ? d.remarksTo() : ALL_CHAT_ROOMS;
        String id = c != null && c.messageId() != null ? c.messageId() : e.uid();
        boolean placed = e.lat() != 0 || e.lon() != 0;
        return new ChatMessage(e.time(), id, sender, callsign, room, d.remarks(),
                placed ? e.lat() : Double.NaN, placed ? e.lon() : Double.NaN, m);
    }

    /** A friendly unit as CoT, under its unit id, with course/speed when known. */
    public CotEvent toCot(UnitPosition p) {
        CotDetail d = detail(p.callsign(), p.courseDeg(), p.speedMps(),
                remarks(p.marking(), p.callsign() + " " + p.status().code()), null, List.of());
        return event(p.unit(), p.cotType(), "m-g", p, p.lat(), p.lon(), CotEvent.UNKNOWN, d);
    }

    /** A sensor detection as an unknown ground (or, for AIS, sea) object; uid unique per sensor and time. */
    public CotEvent toCot(Detection det) {
        String type = det.kind() == SensorKind.AIS ? DETECTION_SEA : DETECTION_GROUND;
        String uid = "shekara.detection." + det.sensor() + "." + det.time().toEpochMilli();
        String text = det.kind().code() + " detection by " + det.sensor()
                + (det.kind().isAlarm() ? " (alarm)" : "");
        CotDetail d = detail(null, Double.NaN, Double.NaN, remarks(det.marking(), text), null,
                List.of(new CotDetail.CotLink(det.sensor(), "a-f-G-E-S", "p-p")));
        return event(uid, type, "m-p", det, det.lat(), det.lon(), det.sigmaM(), d);
    }

    /** A track as an unknown ground or sea object with course (degrees from north) and speed. */
    public CotEvent toCot(TrackUpdate t) {
        String type = t.targetClass() == TargetClass.VESSEL ? DETECTION_SEA : DETECTION_GROUND;
        double course = (Math.toDegrees(Math.atan2(t.veMps(), t.vnMps())) + 360) % 360;
        String text = "track " + t.track() + ", " + t.targetClass().name().toLowerCase(Locale.ROOT) + ", "
                + t.status().name().toLowerCase(Locale.ROOT) + ", sensors " + String.join(" ", t.sensors());
        CotDetail d = detail(t.track(), course, t.speedMps(), remarks(t.marking(), text), null, List.of());
        CotEvent e = event(t.track(), type, "m-f", t, t.lat(), t.lon(), t.sigmaM(), d);
        if (t.status() != TrackStatus.DELETED) {
            return e;
        }
        return new CotEvent(e.uid(), e.type(), e.how(), e.time(), e.start(), t.time(), e.opex(), e.lat(), e.lon(),
                e.hae(), e.ce(), e.le(), e.detail());
    }

    /**
     * The delete that removes an ended track from TAK clients' maps: {@code t-x-d-d} (uid
     * {@code shekara.track-delete.<track>}) at the track's last position, linking the track's uid
     * and CoT type (relation "none"); the encoder adds {@code __forcedelete}, without which ATAK only
     * marks the item stale.
     */
    public CotEvent trackDelete(TrackUpdate t) {
        String type = t.targetClass() == TargetClass.VESSEL ? DETECTION_SEA : DETECTION_GROUND;
        CotDetail d = detail(null, Double.NaN, Double.NaN, remarks(t.marking(), "track " + t.track() + " ended"),
                null, List.of(new CotDetail.CotLink(t.track(), type, "none")));
        return event("shekara.track-delete." + t.track(), DELETE_TYPE, "h-e", t, t.lat(), t.lon(), CotEvent.UNKNOWN,
                d);
    }

    /** A GeoChat message (to its chatroom) as b-t-f. */
    public CotEvent toCot(ChatMessage c) {
        CotDetail.CotChat chat = new CotDetail.CotChat("RootContactGroup", "false", c.chatroom(), c.chatroom(),
                c.senderCallsign(), c.id(), c.senderUid(), c.chatroom());
        CotDetail d = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null,
                remarks(c.marking(), c.text()), "BAO.F.ATAK." + c.senderUid(), c.chatroom(), chat,
                List.of(new CotDetail.CotLink(c.senderUid(), "a-f-G-U-C", "p-p")), List.of(), List.of(), null, null);
        boolean placed = !Double.isNaN(c.lat());
        String uid = "GeoChat." + c.senderUid() + "." + c.chatroom() + "." + c.id();
        return event(uid, CHAT_TYPE, "h-g-i-g-o", c, placed ? c.lat() : 0, placed ? c.lon() : 0,
                CotEvent.UNKNOWN, d);
    }

    private CotEvent event(String uid, String type, String how, DomainEvent src, double lat, double lon, double ce,
                           CotDetail d) {
        return new CotEvent(uid, type, how, src.time(), src.time(), src.time().plus(validity),
                src.marking().exercise() ? "e" : null, lat, lon, CotEvent.UNKNOWN, ce, CotEvent.UNKNOWN, d);
    }

    private static CotDetail detail(String callsign, double course, double speed, String remarks, String to,
                                    List<CotDetail.CotLink> links) {
        boolean track = Double.isFinite(course) || Double.isFinite(speed);
        return new CotDetail(callsign, null, null, null, track ? orNaN(course) : Double.NaN,
                track ? orNaN(speed) : Double.NaN, null, remarks, null, to, null, links, List.of(), List.of(), null,
                null);
    }

    private static double orNaN(double d) {
        return Double.isFinite(d) ? d : Double.NaN;
    }

    private static String remarks(Marking m, String text) {
        return m.exercise() ? "EXERCISE " + text : text;
    }
}
