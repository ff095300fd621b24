package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.Objects;

/**
 * What one CoT streaming input tolerates of its clients. {@code refuseAhead}: a report stamped
 * further ahead of the server's clock than the allowed clock skew is refused (counted
 * {@code time-ahead}) instead of being placed at its receive time. {@code maxConnections} caps the
 * clients connected at once over all streaming ports, {@code maxConnectionsPerAddress} those from one
 * address; a client over either cap is closed at once, before any TLS handshake. {@code idleTimeout}
 * closes a client that has sent no byte for that long; {@code eventTimeout} one that has sent bytes
 * but not completed an event within that long of the first of them (a client dribbling an event a
 * byte at a time). Immutable.
 */
public record CotLimits(boolean refuseAhead, int maxConnections, int maxConnectionsPerAddress, Duration idleTimeout,
                        Duration eventTimeout) {

    /** Reports ahead placed at their receive time; 2,000 clients, 1,000 from one address; 10 min idle; 1 min per event. */
    public static final CotLimits DEFAULTS = new CotLimits(false, 2000, 1000, Duration.ofMinutes(10),
            Duration.ofMinutes(1));

    public CotLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(eventTimeout, "eventTimeout");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress must be positive: "
                    + maxConnections + ", " + maxConnectionsPerAddress);
        }
        if (!idleTimeout.isPositive() || !eventTimeout.isPositive()) {
            throw new IllegalArgumentException("idleTimeout and eventTimeout must be positive");
        }
    }

    /** With reports ahead of the clock refused ({@code true}) or placed at their receive time. */
    public CotLimits withRefuseAhead(boolean refuse) {
        return new CotLimits(refuse, maxConnections, maxConnectionsPerAddress, idleTimeout, eventTimeout);
    }

    /** With these connection caps. */
    public CotLimits withConnections(int total, int perAddress) {
        return new CotLimits(refuseAhead, total, perAddress, idleTimeout, eventTimeout);
    }

    /** With these timeouts. */
    public CotLimits withTimeouts(Duration idle, Duration event) {
        return new CotLimits(refuseAhead, maxConnections, maxConnectionsPerAddress, idle, event);
    }
}
