package kz.shekara.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.ForwardingBus;
import kz.shekara.server.bus.Topic;

/**
 * The bus as the rules and the tracker see it in a bench run: passes everything through, stamps in
 * {@link ProbeStages} when a handler takes a probe's alarm and when an alert of a probe is published,
 * and keeps the subscriptions made through it by topic and group (for their queue depths).
 * Thread-safe as the bus under it.
 */
final class StagedBus extends ForwardingBus {
    private final ProbeStages stages;
    private final Map<String, Subscription> named = new ConcurrentSkipListMap<>();

    StagedBus(Bus bus, ProbeStages stages) {
        super(bus);
        this.stages = stages;
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        raised(event);
        super.publish(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        events.forEach(this::raised);
        super.publishAll(topic, key, events);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        raised(event);
        return super.publishAsync(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAllAsync(Topic<E> topic, String key,
                                                                         List<? extends E> events) {
        events.forEach(this::raised);
        return super.publishAllAsync(topic, key, events);
    }

    private void raised(DomainEvent event) {
        if (event instanceof Alert a) {
            ProbeStages.stamp(stages.raised, ProbeStages.probe(a.sensor()), System.nanoTime());
        }
    }

    private <E extends DomainEvent> Consumer<? super E> taking(Consumer<? super E> handler) {
        return e -> {
            if (e instanceof Detection d && d.kind().isAlarm()) {
                ProbeStages.stamp(stages.rulesIn, ProbeStages.probe(d.sensor()), System.nanoTime());
            }
            handler.accept(e);
        };
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return named(topic, group, super.subscribe(topic, group, taking(handler)));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return named(topic, group, super.subscribeInOrder(topic, group, taking(handler)));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                   Positioned<? super E> handler) {
        return named(topic, group + " (log order)", super.subscribeInLogOrder(topic, group, handler));
    }

    /** The subscriptions made through this bus, as {@code topic/group}. */
    Map<String, Subscription> subscriptions() {
        return named;
    }

    private Subscription named(Topic<?> topic, String group, Subscription s) {
        named.put(topic.name() + "/" + group, s);
        return s;
    }
}
