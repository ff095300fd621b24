package kz.shekara.server.bus;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;

/**
 * A {@link Bus} that hands every call to another bus; a subclass overrides what it watches or routes (as
 * Guava's forwarding collections do, and {@code ForwardingEventLog} for the log). Every method forwards,
 * the default ones too: an override of {@link #publish} alone does not see what is published through
 * {@link #publishAll} or the asynchronous methods. Thread-safe as the bus under it.
 */
public abstract class ForwardingBus implements Bus {
    private final Bus delegate;

    protected ForwardingBus(Bus delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The bus every call goes to. */
    protected final Bus delegate() {
        return delegate;
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        delegate.publish(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        delegate.publishAll(topic, key, events);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        return delegate.publishAsync(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAllAsync(Topic<E> topic, String key,
                                                                         List<? extends E> events) {
        return delegate.publishAllAsync(topic, key, events);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return delegate.subscribe(topic, group, handler);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return delegate.subscribeInOrder(topic, group, handler);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                   Positioned<? super E> handler) {
        return delegate.subscribeInLogOrder(topic, group, handler);
    }

    @Override
    public boolean local() {
        return delegate.local();
    }

    @Override
    public void drain() throws InterruptedException {
        delegate.drain();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
