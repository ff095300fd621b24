package kz.shekara.server.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing for a source that must outlive a store outage: while the event store refuses writes
 * ({@link StoreUnavailableException}: a full disk, a lost database) the source pauses on the event
 * it could not store, tries it again every {@value #RETRY_MS} ms, and goes on from it once it is
 * stored, so nothing of the source is lost or published twice. Each pause is logged once and counted
 * in {@code shekara.source.pauses{source}}; {@code shekara.source.paused{source}} is 1 while paused.
 * Used by one source thread.
 */
final class StorePause {
    private static final Logger LOG = LoggerFactory.getLogger(StorePause.class);
    static final long RETRY_MS = 500;

    private final String source;
    private final Bus bus;
    private final Counter pauses;
    private final AtomicInteger paused = new AtomicInteger();

    StorePause(String source, Bus bus, MeterRegistry registry) {
        this.source = source;
        this.bus = bus;
        this.pauses = Counter.builder("shekara.source.pauses").tag("source", source)
                .description("times a source paused because the event store refused its events").register(registry);
        Gauge.builder("shekara.source.paused", paused, AtomicInteger::get).tag("source", source)
                .description("1 while a source waits for the event store").register(registry);
    }

    /** Publishes {@code event}, waiting while the store refuses it; throws when interrupted (the source closing). */
    <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) throws InterruptedException {
        while (true) {
            try {
                bus.publish(topic, key, event);
                if (paused.getAndSet(0) == 1) {
                    LOG.info("{} resumed: the event store takes its events again", source);
                }
                return;
            } catch (StoreUnavailableException e) {
                if (paused.getAndSet(1) == 0) {
                    pauses.increment();
                    LOG.warn("{} paused: {}", source, e.getMessage());
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_MS);
            }
        }
    }
}
