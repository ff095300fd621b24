package kz.shekara.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.StoreSubscription;
import kz.shekara.server.store.EventLog;

/**
 * The {@code store} role of a Kafka node: the node's event log (SQLite, or PostgreSQL in a real
 * deployment, as {@code --db} chooses) takes every event of every topic, through one consumer group shared
 * by every store node ({@link StoreSubscription}): each event once, each partition in offset order. Meters:
 * {@code shekara.store.consumed} (events stored), {@code shekara.store.consumed.skipped} (handed in again and
 * already held), {@code shekara.store.consumed.refused} (batches the store refused, retried),
 * {@code shekara.store.consumed.failures} (records that are no event), {@code shekara.store.consumed.queued}.
 */
final class StoreNode {
    private StoreNode() {
    }

    /** Subscribes {@code log} to every topic of {@code bus}; the subscription is closed with the server. */
    static StoreSubscription start(ShekaraServer server, KafkaBus bus, EventLog log, int maxBatch) {
        StoreSubscription sub = bus.subscribeStore(log, maxBatch);
        server.closeWith(sub);
        MeterRegistry m = server.meters();
        FunctionCounter.builder("shekara.store.consumed", sub, StoreSubscription::stored)
                .description("events stored from the topics").register(m);
        FunctionCounter.builder("shekara.store.consumed.skipped", sub, StoreSubscription::skipped)
                .description("events handed to the store again and already held").register(m);
        FunctionCounter.builder("shekara.store.consumed.refused", sub, StoreSubscription::storeRefusals)
                .description("batches the store refused (retried)").register(m);
        FunctionCounter.builder("shekara.store.consumed.failures", sub, StoreSubscription::failures)
                .description("records on the topics that are no Shekara event (skipped)").register(m);
        Gauge.builder("shekara.store.consumed.queued", sub, StoreSubscription::queueDepth)
                .description("events read and not yet stored").register(m);
        return sub;
    }
}
