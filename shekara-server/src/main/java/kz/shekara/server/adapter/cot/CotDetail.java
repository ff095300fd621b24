package kz.shekara.server.adapter.cot;

import java.util.List;

/**
 * The parts of a CoT {@code detail} Shekara reads and writes. Absent strings are null, absent
 * numbers NaN. {@code courseDeg} is degrees from true north, {@code speedMps} metres per second
 * (the {@code track} element). {@code destCallsigns}/{@code destUids} come from {@code marti/dest};
 * {@code takRequestVersion}/{@code takResponseStatus} from the TAK protocol negotiation
 * ({@code TakControl}). Unknown detail elements are not kept here (the server relays the original
 * bytes). Immutable.
 */
public record CotDetail(String callsign, String endpoint, String groupName, String groupRole, double courseDeg,
                        double speedMps, Integer battery, String remarks, String remarksSource, String remarksTo,
                        CotChat chat, List<CotLink> links, List<String> destCallsigns, List<String> destUids,
                        String takRequestVersion, Boolean takResponseStatus) {

    public static final CotDetail EMPTY = new CotDetail(null, null, null, null, Double.NaN, Double.NaN, null, null,
            null, null, null, List.of(), List.of(), List.of(), null, null);

    public CotDetail {
        links = List.copyOf(links);
        destCallsigns = List.copyOf(destCallsigns);
        destUids = List.copyOf(destUids);
    }

    /** True when {@code marti/dest} names recipients (the event goes to them only). */
    public boolean hasDestinations() {
        return !destCallsigns.isEmpty() || !destUids.isEmpty();
    }

    /** The uid of the first {@code link} with relation "p-p" (parent: the device that made the object), or null. */
    public String parentUid() {
        for (CotLink l : links) {
            if ("p-p".equals(l.relation())) {
                return l.uid();
            }
        }
        return null;
    }

    /** A GeoChat {@code __chat} element; any attribute may be null. */
    public record CotChat(String parent, String groupOwner, String chatroom, String id, String senderCallsign,
                          String messageId, String uid0, String uid1) {
    }

    /** A {@code link} element: a related object's uid, CoT type and relation ("p-p" parent). */
    public record CotLink(String uid, String type, String relation) {
    }
}
