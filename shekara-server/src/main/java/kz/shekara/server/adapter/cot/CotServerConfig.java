package kz.shekara.server.adapter.cot;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import kz.shekara.server.config.ShekaraConfig;

/**
 * Settings of the CoT streaming server, validated once. {@code port} 8087 is the plain TCP
 * streaming port ATAK and FreeTAKServer use (0 = any free port, for tests; -1 = off, TLS only);
 * {@code udpPort} the SA input port (6969 by convention, 0 = any free port, -1 = off).
 * {@code maxEventBytes} bounds one event; {@code clientQueueCapacity} the events waiting for one
 * client before superseded positions are dropped and then the client is disconnected.
 * {@code validity} is how long objects sent to clients stay current (CoT stale = event time +
 * validity). {@code defaultSigmaM} is the sigma in metres of a client's sensor report without a
 * usable ce. {@code agency}, when not null, restricts what goes out to events whose marking is
 * releasable to that agency. {@code rawDetectionGroups} names the routing groups whose devices also
 * get raw sensor detections (every device gets units, tracks, alerts and its own tasks);
 * {@code emergencyRepeat} is how often an emergency is sent again until cancelled;
 * {@code maxClockSkew} how far a device's time may be from the server's clock before its report is
 * placed at its receive time instead (or, ahead of it with {@code limits.refuseAhead()}, refused);
 * {@code limits} the connection caps and timeouts ({@link CotLimits}).
 */
public record CotServerConfig(String bindHost, int port, int udpPort, int maxEventBytes, int clientQueueCapacity,
                              Duration validity, double defaultSigmaM, String agency, Set<String> rawDetectionGroups,
                              Duration emergencyRepeat, Duration maxClockSkew, CotLimits limits) {

    public static final int DEFAULT_PORT = 8087;
    public static final int DEFAULT_TLS_PORT = 8089;
    public static final int DEFAULT_UDP_PORT = 6969;
    public static final Duration DEFAULT_EMERGENCY_REPEAT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    public CotServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(validity, "validity");
        rawDetectionGroups = Set.copyOf(rawDetectionGroups);
        Objects.requireNonNull(emergencyRepeat, "emergencyRepeat");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(limits, "limits");
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("cot port out of range (-1 = off): " + port);
        }
        if (udpPort < -1 || udpPort > 65_535) {
            throw new IllegalArgumentException("cot udp port out of range (-1 = off): " + udpPort);
        }
        if (maxEventBytes < 256) {
            throw new IllegalArgumentException("maxEventBytes must be at least 256: " + maxEventBytes);
        }
        if (clientQueueCapacity < 1) {
            throw new IllegalArgumentException("clientQueueCapacity must be positive: " + clientQueueCapacity);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        if (!(defaultSigmaM > 0)) {
            throw new IllegalArgumentException("defaultSigmaM must be positive: " + defaultSigmaM);
        }
        if (!emergencyRepeat.isPositive() || !maxClockSkew.isPositive()) {
            throw new IllegalArgumentException("emergencyRepeat and maxClockSkew must be positive");
        }
    }

    /**
     * With no group getting raw detections, emergencies repeated every 5 s, 30 s of allowed clock skew
     * and the default limits.
     */
    public CotServerConfig(String bindHost, int port, int udpPort, int maxEventBytes, int clientQueueCapacity,
                           Duration validity, double defaultSigmaM, String agency) {
        this(bindHost, port, udpPort, maxEventBytes, clientQueueCapacity, validity, defaultSigmaM, agency, Set.of(),
                DEFAULT_EMERGENCY_REPEAT, DEFAULT_MAX_CLOCK_SKEW, CotLimits.DEFAULTS);
    }

    /** All interfaces, port 8087, UDP off, 64 KiB events, 10,000 queued per client, 2 min validity, 50 m. */
    public static CotServerConfig defaults() {
        return new CotServerConfig("0.0.0.0", DEFAULT_PORT, -1, 65_536, 10_000, Duration.ofMinutes(2), 50.0, null);
    }

    /** From the {@code cot:} section of the server configuration, where {@code udpPort} 0 means off. */
    public static CotServerConfig of(ShekaraConfig.Cot cot) {
        return new CotServerConfig(cot.bind(), cot.port(), cot.udpPort() == 0 ? -1 : cot.udpPort(), cot.maxEventBytes(),
                cot.clientQueueCapacity(), cot.validity(), cot.defaultSigmaM(), cot.agency(),
                Set.copyOf(cot.rawDetectionGroups()), cot.emergencyRepeat(), cot.maxClockSkew(),
                new CotLimits("refuse".equals(cot.timeAhead()), cot.maxConnections(), cot.maxConnectionsPerAddress(),
                        cot.idleTimeout(), cot.eventTimeout()));
    }

    public CotServerConfig withPort(int newPort) {
        return new CotServerConfig(bindHost, newPort, udpPort, maxEventBytes, clientQueueCapacity, validity,
                defaultSigmaM, agency, rawDetectionGroups, emergencyRepeat, maxClockSkew, limits);
    }

    public CotServerConfig withBindHost(String host) {
        return new CotServerConfig(host, port, udpPort, maxEventBytes, clientQueueCapacity, validity,
                defaultSigmaM, agency, rawDetectionGroups, emergencyRepeat, maxClockSkew, limits);
    }

    /** With these routing groups also getting raw sensor detections. */
    public CotServerConfig withRawDetectionGroups(Set<String> groups) {
        return new CotServerConfig(bindHost, port, udpPort, maxEventBytes, clientQueueCapacity, validity,
                defaultSigmaM, agency, groups, emergencyRepeat, maxClockSkew, limits);
    }

    /** With emergencies repeated every {@code every}. */
    public CotServerConfig withEmergencyRepeat(Duration every) {
        return new CotServerConfig(bindHost, port, udpPort, maxEventBytes, clientQueueCapacity, validity,
                defaultSigmaM, agency, rawDetectionGroups, every, maxClockSkew, limits);
    }

    /** With these limits. */
    public CotServerConfig withLimits(CotLimits newLimits) {
        return new CotServerConfig(bindHost, port, udpPort, maxEventBytes, clientQueueCapacity, validity,
                defaultSigmaM, agency, rawDetectionGroups, emergencyRepeat, maxClockSkew, newLimits);
    }
}
