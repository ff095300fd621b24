package kz.shekara.server.adapter.cot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection a device uid belongs to: the first that announces it while connected. Another
 * connection announcing the same uid is a conflict (refused on TLS, counted and logged on plain
 * TCP, by the caller). Thread-safe.
 */
final class UidOwners {
    private final Map<String, CotConnection> owners = new ConcurrentHashMap<>();

    /** Null when {@code c} may announce {@code uid} (it owns it now), else the connection that owns it. */
    CotConnection claim(String uid, CotConnection c) {
        CotConnection owner = owners.merge(uid, c, (held, asking) -> held.isOpen() ? held : asking);
        return owner == c ? null : owner;
    }

    /** Frees every uid {@code c} owned (it has disconnected). */
    void release(CotConnection c) {
        owners.values().removeIf(o -> o == c);
    }
}
