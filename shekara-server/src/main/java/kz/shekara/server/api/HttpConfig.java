package kz.shekara.server.api;

import java.util.Objects;

/**
 * Where the HTTP API, WebSocket feed and web map listen: a host name or address to bind and a TCP
 * port (0 for any free port, as tests use). Validated on construction; immutable.
 */
public record HttpConfig(String host, int port) {
    public HttpConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("http host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http port must be in [0, 65535], got " + port);
        }
    }

    /** All interfaces, port 8080 (the demo's http://localhost:8080). */
    public static HttpConfig defaults() {
        return new HttpConfig("0.0.0.0", 8080);
    }
}
