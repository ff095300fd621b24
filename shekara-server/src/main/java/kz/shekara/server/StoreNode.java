package kz.shekara.server;

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
        new NodeMeters<>(server.meters(), sub)
                .counter("shekara.store.consumed", "events stored from the topics", StoreSubscription::stored)
                .counter("shekara.store.consumed.skipped", "events handed to the store again and already held",
                        StoreSubscription::skipped)
                .counter("shekara.store.consumed.refused", "batches the store refused (retried)",
                        StoreSubscription::storeRefusals)
                .counter("shekara.store.consumed.failures", "records on the topics that are no Shekara event (skipped)",
                        StoreSubscription::failures)
                .gauge("shekara.store.consumed.queued", "events read and not yet stored", StoreSubscription::queueDepth);
        return sub;
    }
}
