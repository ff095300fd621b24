package kz.shekara.server.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;

/** The real in-memory bus, with a record of every publish call (topic, key, event) in call order. */
final class RecordingBus implements Bus {
    record Published(Topic<?> topic, String key, DomainEvent event) {
    }

    private final InMemoryBus bus = new InMemoryBus(2, 1024);
    private final List<Published> published = new ArrayList<>();

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        synchronized (this) {
            published.add(new Published(topic, key, event));
        }
        bus.publish(topic, key, event);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return bus.subscribe(topic, group, handler);
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
