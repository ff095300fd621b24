package kz.shekara.server.bus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;

/**
 * Named topics of domain events, ordered per partition key. In one process this is
 * {@link InMemoryBus}; at scale a Kafka-backed bus with the same topics and keys. Publishers and
 * subscribers know only this interface.
 *
 * <p>Delivery: each subscription sees, per key, the events in publish order, except that urgent
 * events (alarm detections) overtake ordinary ones unless it subscribed in order. A handler runs on a
 * bus thread and must not block for long; an exception in a handler is counted and logged, and the
 * subscription goes on with the next event.
 */
public interface Bus extends AutoCloseable {

    /**
     * Publishes an event under a partition key. Blocks while a subscriber's queue is full (back
     * pressure), except for {@linkplain Topic#urgent urgent} events, which never wait, and on
     * supersedable topics, where a queued older event with the same supersede key is replaced instead.
     */
    <E extends DomainEvent> void publish(Topic<E> topic, String key, E event);

    /**
     * Publishes several events under one key, in order, as if by {@link #publish} for each. A durable
     * bus stores them in one transaction, so an adapter that reads many events at once pays one
     * commit for them.
     */
    default <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        for (E e : events) {
            publish(topic, key, e);
        }
    }

    /**
     * Publishes without waiting for a durable store: the event is delivered after, and in order with,
     * every event published before through this method, and (on a durable bus) only once it is stored.
     * The future completes when the event has been handed on to subscribers, or fails when the first
     * attempt to store it fails (a durable bus keeps it and retries: it is not lost). For a publisher
     * that must not wait on each commit (the rules); here it publishes at once.
     */
    default <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        publish(topic, key, event);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Publishes several events under one key without waiting for a durable store, for a feed that
     * acknowledges nothing (radar plots) and so need not stall on each commit: stored in order with
     * the other events published this way and behind everything else queued before (a durable bus may
     * store what is published later by the other methods ahead of them, so that an alarm and its
     * alert do not wait behind plots), delivered only once stored (urgent ones delivered at once, as by
     * {@link #publishAll}), in order with the other events published this way. The future completes
     * when all of them are handed on, or fails when the first attempt to store them fails (a durable
     * bus keeps them and retries). The caller bounds how many it leaves in flight; here it publishes
     * at once.
     */
    default <E extends DomainEvent> CompletableFuture<Void> publishAllAsync(Topic<E> topic, String key,
                                                                          List<? extends E> events) {
        publishAll(topic, key, events);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Subscribes a handler under a group name (for metrics and, on Kafka, the consumer group).
     * {@linkplain Topic#urgent Urgent} events overtake the ordinary events queued before them.
     */
    <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler);

    /**
     * Like {@link #subscribe}, but delivered on one thread in publish order across all keys, urgent
     * events keeping their place (for a consumer that is serial anyway and must not see one key run
     * ahead of another in event time, such as the tracker); urgent events still never make a publisher
     * wait.
     */
    default <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                 Consumer<? super E> handler) {
        return subscribe(topic, group, handler);
    }

    /**
     * Like {@link #subscribeInOrder}, and the handler also gets each event's position: on a durable
     * bus the event's seq in the log, every event delivered once stored and strictly in seq order
     * (urgent events too keep their place in the log), so a consumer's state after the event at seq
     * {@code s} is what a replay of the log up to {@code s} makes it. Here the position is a count of
     * the events delivered to this subscription, starting at 1.
     */
    default <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                    Positioned<? super E> handler) {
        AtomicLong count = new AtomicLong();
        return subscribeInOrder(topic, group, e -> handler.accept(count.incrementAndGet(), e));
    }

    /**
     * Whether every event of this bus is published in this process, so that a log kept over it (see
     * LoggedBus) sees them all; false for a bus that several processes share, whose other members
     * publish past this process's log.
     */
    default boolean local() {
        return true;
    }

    /** A handler that is told each event's position (see {@link #subscribeInLogOrder}). */
    @FunctionalInterface
    interface Positioned<E> {
        void accept(long position, E event);
    }

    /** Blocks until every event published so far has been handled by every subscriber. For tests and orderly shutdown. */
    void drain() throws InterruptedException;

    @Override
    void close();

    /** A live subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        String group();

        /** Events queued and not yet handled (none where a subscription queues nothing of its own). */
        default int queueDepth() {
            return 0;
        }

        /**
         * Events replaced by a newer one of the same supersede key before they were handled (none where nothing
         * is superseded: on Kafka every record stays in the topic).
         */
        default long superseded() {
            return 0;
        }

        /** Events whose handler threw. */
        long failures();

        @Override
        void close();
    }
}
