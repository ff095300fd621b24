package kz.shekara.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/**
 * The bus as the rules see it in a bench run: passes everything through, and stamps in
 * {@link ProbeStages} when a handler takes a probe's alarm and when an alert of a probe is published.
 * Thread-safe as the bus under it.
 */
final class StagedBus implements Bus {
    private final Bus bus;
    private final ProbeStages stages;

    StagedBus(Bus bus, ProbeStages stages) {
        this.bus = bus;
        this.stages = stages;
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        raised(event);
        bus.publish(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        events.forEach(this::raised);
        bus.publishAll(topic, key, events);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        raised(event);
        return bus.publishAsync(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAllAsync(Topic<E> topic, String key,
                                                                         List<? extends E> events) {
        events.forEach(this::raised);
        return bus.publishAllAsync(topic, key, events);
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
        return bus.subscribe(topic, group, taking(handler));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return bus.subscribeInOrder(topic, group, taking(handler));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                   Positioned<? super E> handler) {
        return bus.subscribeInLogOrder(topic, group, handler);
    }

    @Override
    public boolean local() {
        return bus.local();
    }

    @Override
    public void drain() throws InterruptedException {
        bus.drain();
    }

    @Override
    public void close() {
        bus.close();
    }
}
