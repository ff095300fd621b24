package kz.shekara.server.adapter.cot;

import io.micrometer.core.instrument.Counter;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what clients sent to the bus, keyed by the sector of its position, without waiting for the
 * event log's commit ({@link Bus#publishAsync}: a durable bus group-commits it, keeps and retries it
 * while the store refuses it, and delivers it onward only once stored, in the order each connection
 * handed it over). Each connection may have at most {@link #UNLOGGED_PER_CONNECTION} events handed
 * over and not yet stored; a connection at that bound waits (its reader only) until the log catches
 * up, so memory stays bounded and no other device is held up. Remembers the uids of units, chat
 * senders and sensors that came from clients so the bus's copy is not sent back to them. Thread-safe.
 */
final class CotPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CotPublisher.class);
    /** Events of one connection handed to the log and not yet stored, at most. */
    static final int UNLOGGED_PER_CONNECTION = 512;

    private final Bus bus;
    private final Function<double[], String> sectorKey;
    private final Set<String> clientUids;
    private final Counter storeRetries;

    /** @param storeRetries counts events the store refused at first (kept and stored once it takes writes) */
    CotPublisher(Bus bus, Function<double[], String> sectorKey, Set<String> clientUids, Counter storeRetries) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.storeRetries = Objects.requireNonNull(storeRetries, "storeRetries");
        this.sectorKey = Objects.requireNonNull(sectorKey, "sectorKey");
        this.clientUids = Objects.requireNonNull(clientUids, "clientUids");
    }

    /** A window of events handed to the log and not yet stored, one per connection. */
    static Semaphore window() {
        return new Semaphore(UNLOGGED_PER_CONNECTION);
    }

    /**
     * Hands one domain event from a client at {@code lat}, {@code lon} (degrees) to the bus and returns
     * at once, unless {@code window} is used up (then it waits for a permit). The future completes once
     * the event is stored and handed on, or fails when the first attempt to store it failed (a durable
     * bus keeps it and tries again; counted). Interrupted while waiting, it hands nothing over.
     */
    CompletableFuture<Void> publish(DomainEvent domain, double lat, double lon, Semaphore window) {
        String key = sectorKey.apply(new double[] {lat, lon});
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> handed;
        try {
            handed = switch (domain) {
                case UnitPosition p -> {
                    clientUids.add(p.unit());
                    yield bus.publishAsync(Topic.UNIT_POSITIONS, key, p);
                }
                case ChatMessage m -> {
                    clientUids.add(m.senderUid());
                    yield bus.publishAsync(Topic.MESSAGES, key, m);
                }
                case Detection det -> {
                    clientUids.add(det.sensor());
                    yield bus.publishAsync(Topic.OBSERVATIONS, key, det);
                }
                case SensorHeartbeat h -> bus.publishAsync(Topic.HEARTBEATS, key, h);
                default -> throw new IllegalStateException("unexpected " + domain);
            };
        } catch (RuntimeException e) {
            window.release();
            throw e;
        }
        handed.whenComplete((v, failure) -> {
            window.release();
            if (failure != null) {
                storeRetries.increment();
                LOG.debug("CoT event kept for the store, which refused it at first: {}", failure.toString());
            }
        });
        return handed;
    }
}
