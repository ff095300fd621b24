package kz.shekara.server.api;

import java.util.Objects;

/**
 * Where the HTTP API, WebSocket feed and web map listen: a host name or address to bind and a TCP
 * port (0 for any free port, as tests use), and the largest request body any route reads, in bytes.
 * Validated on construction; immutable.
 */
public record HttpConfig(String host, int port, int maxBodyBytes) {
    /** The body cap when none is given: 64 KiB, far above any command the API takes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public HttpConfig(String host, int port) {
        this(host, port, DEFAULT_MAX_BODY_BYTES);
    }

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("http host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http port must be in [0, 65535], got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("http maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
    }

    /** All interfaces, port 8080 (the demo's http://localhost:8080). */
    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", 8080);
    }
}
