package kz.shekara.model;

import java.time.Instant;

/**
 * An event on the bus and in the log. Every event has an event time (when it happened, not when it
 * was received) and a sharing marking.
 */
public interface DomainEvent {
    Instant time();

    Marking marking();
}
