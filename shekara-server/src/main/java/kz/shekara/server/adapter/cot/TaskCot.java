package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import kz.shekara.model.Task;

/**
 * A unit's task as CoT for the unit's own TAK device, addressed to it alone ({@code marti/dest}
 * uid): the intercept point as a waypoint ({@code b-m-p-w}, uid {@code shekara-task-<task>}, so a
 * moved point replaces the old one on the map) linked to the operations centre as its maker
 * ({@code p-p}) and to the target's track ({@code t-r}, the track's CoT uid), and the order as a
 * direct GeoChat ({@code b-t-f}) from the operations centre's identity to the device, which the
 * crew answers to acknowledge. An ended task deletes its waypoint ({@code t-x-d-d}). Stale one
 * hour after the step. Pure; immutable and thread-safe.
 */
public final class TaskCot {
    public static final String WAYPOINT_TYPE = "b-m-p-w";
    public static final String DELETE_TYPE = CotMapping.DELETE_TYPE;
    /** Relation of the waypoint's link to the track it intercepts. */
    public static final String TARGET_RELATION = "t-r";
    private static final Duration STALE = Duration.ofHours(1);

    private final String centreUid;
    private final String centreCallsign;

    /** @param centreUid the operations centre's TAK uid and {@code centreCallsign} its callsign, as chats come from */
    public TaskCot(String centreUid, String centreCallsign) {
        this.centreUid = Objects.requireNonNull(centreUid, "centreUid");
        this.centreCallsign = Objects.requireNonNull(centreCallsign, "centreCallsign");
    }

    public static String waypointUid(Task t) {
        return "shekara-task-" + t.id();
    }

    /** The intercept point as a waypoint for the unit's device. */
    public CotEvent waypoint(Task t) {
        String eta = Double.isFinite(t.etaS()) ? String.format(Locale.ROOT, ", ETA %d min", Math.round(t.etaS() / 60))
                : "";
        String remarks = exercise(t) + "task " + t.id() + " (" + t.status().code() + "), incident " + t.incident()
                + (t.track() == null ? "" : ", target " + t.track()) + eta;
        List<CotDetail.CotLink> links = t.track() == null
                ? List.of(new CotDetail.CotLink(centreUid, "a-f-G-U-C", "p-p"))
                : List.of(new CotDetail.CotLink(centreUid, "a-f-G-U-C", "p-p"),
                        new CotDetail.CotLink(t.track(), "a-u-G", TARGET_RELATION));
        CotDetail d = new CotDetail("INTERCEPT " + t.incident(), null, null, null, Double.NaN, Double.NaN, null,
                remarks, centreUid, t.unit(), null, links, List.of(), List.of(t.unit()), null, null);
        return event(waypointUid(t), WAYPOINT_TYPE, "h-e", t, t.lat(), t.lon(), d);
    }

    /** The order as a direct chat to the device whose callsign is {@code recipientCallsign}. */
    public CotEvent chat(Task t, String recipientCallsign) {
        String callsign = recipientCallsign == null ? t.unit() : recipientCallsign;
        String messageId = t.id() + "." + t.time().toEpochMilli();
        CotDetail.CotChat chat = new CotDetail.CotChat("RootContactGroup", "false", callsign, t.unit(), centreCallsign,
                messageId, centreUid, t.unit());
        CotDetail d = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null, exercise(t) + t.message(),
                "BAO.F.ATAK." + centreUid, t.unit(), chat, List.of(new CotDetail.CotLink(centreUid, "a-f-G-U-C", "p-p")),
                List.of(), List.of(t.unit()), null, null);
        return event("GeoChat." + centreUid + "." + t.unit() + "." + messageId, CotMapping.CHAT_TYPE, "h-g-i-g-o", t,
                t.lat(), t.lon(), d);
    }

    /** Removes an ended task's waypoint from the device's map; its remarks say the task ended. */
    public CotEvent delete(Task t) {
        String remarks = exercise(t) + "task " + t.id() + " (" + t.status().code() + "), incident " + t.incident();
        CotDetail d = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null, remarks, null, null, null,
                List.of(new CotDetail.CotLink(waypointUid(t), WAYPOINT_TYPE, "none")), List.of(), List.of(t.unit()),
                null, null);
        return event("shekara-task-delete-" + t.id(), DELETE_TYPE, "h-e", t, t.lat(), t.lon(), d);
    }

    private static CotEvent event(String uid, String type, String how, Task t, double lat, double lon, CotDetail d) {
        return new CotEvent(uid, type, how, t.time(), t.time(), t.time().plus(STALE),
                t.marking().exercise() ? "e" : null, lat, lon, CotEvent.UNKNOWN, CotEvent.UNKNOWN, CotEvent.UNKNOWN, d);
    }

    private static String exercise(Task t) {
        return t.marking().exercise() ? "EXERCISE " : "";
    }
}
