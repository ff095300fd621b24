package kz.shekara.server.adapter.cot;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import kz.shekara.server.adapter.DecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which uids a TLS device may speak for: a friendly position ({@code a-f-*}, which becomes a unit
 * position or a sensor's sign of life) or an emergency of a uid. A uid of the theatre's own (a unit
 * or a sensor) only from a device of the agency that owns it; any other uid belongs to the
 * certificate user (the account, when the certificate names one) that first spoke for it, and no
 * other certificate may speak for it, connected or not; with {@link #holdings} set, across restarts
 * too (what it answers is kept here, so it is asked once per uid; when it fails, the holding is kept
 * in memory only, logged). Plain TCP and UDP devices are not checked here (they have no identity to
 * hold a uid by). Thread-safe.
 */
final class DeviceUids {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceUids.class);
    private static final String EMERGENCY_SUFFIX = "-9-1-1";
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private volatile Function<String, String> owningAgency = uid -> null;
    private volatile BinaryOperator<String> holdings = (uid, holder) -> holder;

    /** {@code holdings} (uid, holder) makes holder hold uid unless someone does and answers who holds it now. */
    void holdings(BinaryOperator<String> holdings) {
        this.holdings = Objects.requireNonNull(holdings, "holdings");
    }

    /** {@code owningAgency} gives the agency a theatre uid (unit, sensor) belongs to, null for any other uid. */
    void owners(Function<String, String> owningAgency) {
        this.owningAgency = Objects.requireNonNull(owningAgency, "owningAgency");
    }

    /** Refuses ({@code uid-not-yours}) an event by which the TLS device {@code from} would speak for a uid not its own. */
    void check(CotConnection from, CotEvent e) throws DecodeException {
        String uid = spokenFor(e);
        if (uid == null || !from.authenticated()) {
            return;
        }
        String agency = owningAgency.apply(uid);
        if (agency != null && !agency.equals(from.agency())) {
            refuse(from, uid, "belongs to " + agency);
        }
        String user = CertificateAccounts.userOf(from.subject());
        String me = user == null ? from.subject() : user;
        String holder = holders.computeIfAbsent(uid, u -> held(u, me));
        if (!holder.equals(me)) {
            refuse(from, uid, "is held by the certificate of " + holder);
        }
    }

    private String held(String uid, String me) {
        try {
            return holdings.apply(uid, me);
        } catch (RuntimeException e) {
            LOG.warn("uid {} held by {} in memory only: the store did not answer ({})", uid, me, e.toString());
            return me;
        }
    }

    /** The uid {@code e} speaks for, or null when it speaks for none. */
    static String spokenFor(CotEvent e) {
        String type = e.type();
        if (type.startsWith(CotMapping.EMERGENCY_PREFIX)) {
            return e.uid().endsWith(EMERGENCY_SUFFIX)
                    ? e.uid().substring(0, e.uid().length() - EMERGENCY_SUFFIX.length()) : e.uid();
        }
        return type.startsWith("a-f") ? e.uid() : null;
    }

    private static void refuse(CotConnection from, String uid, String why) throws DecodeException {
        LOG.warn("{} may not speak for uid {}: it {}", from, uid, why);
        throw new DecodeException("uid-not-yours", "uid " + uid + " " + why);
    }
}
