package kz.shekara.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A part of a server that {@code /api/v1/health} and the status line report on besides the built-in
 * ones (the Kafka cluster of a {@code serve --kafka} node, say), added with {@link ApiServer#report}.
 * Implementations are thread-safe and answer without blocking.
 */
public interface ReportedPart {
    /** Its name: the health component's and the status line field's. */
    String name();

    /** Its health component: {@code status} (UP or DOWN) and details. */
    ObjectNode health();

    /** Whether the whole server is DOWN (HTTP 503) because of it. */
    boolean failing();

    /** Its field on the status line. */
    ObjectNode status();
}
