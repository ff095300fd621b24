package kz.shekara.server.adapter.cot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.server.adapter.DecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which connection a device uid belongs to: the first that announces it while connected. Another
 * connection announcing the same uid is a conflict (refused on TLS, counted and logged on plain
 * TCP, by the caller). Thread-safe.
 */
final class UidOwners {
    private static final Logger LOG = LoggerFactory.getLogger(UidOwners.class);
    private final Map<String, CotConnection> owners = new ConcurrentHashMap<>();
    private final DeviceUids devices;

    /** @param devices which uids a TLS device may speak for at all, checked first */
    UidOwners(DeviceUids devices) {
        this.devices = devices;
    }

    /** Null when {@code c} may announce {@code uid} (it owns it now), else the connection that owns it. */
    CotConnection claim(String uid, CotConnection c) {
        CotConnection owner = owners.merge(uid, c, (held, asking) -> held.isOpen() ? held : asking);
        return owner == c ? null : owner;
    }

    /**
     * Checks that {@code from} may speak for the uid of {@code e} ({@link DeviceUids}, {@code uid-not-yours}),
     * then the uid it announces with {@code e} as its own: when another connection has it,
     * refused on TLS ({@code uid-conflict}), and either way counted ({@code conflict}) and logged; then
     * {@code from} learns who it is from {@code e}. True when that gave it a new uid.
     */
    boolean claim(CotConnection from, CotEvent e, Runnable conflict) throws DecodeException {
        devices.check(from, e);
        String announced = from.announcedUid(e);
        CotConnection owner = announced == null ? null : claim(announced, from);
        if (owner != null) {
            conflict.run();
            LOG.warn("uid {} announced by {} belongs to {}{}", announced, from, owner,
                    from.authenticated() ? ": refused" : "");
            if (from.authenticated()) {
                throw new DecodeException("uid-conflict", "uid " + announced + " belongs to another connection");
            }
        }
        String before = from.uid();
        from.identify(e);
        return from.uid() != null && !from.uid().equals(before);
    }

    /** Frees every uid {@code c} owned (it has disconnected). */
    void release(CotConnection c) {
        owners.values().removeIf(o -> o == c);
    }
}
