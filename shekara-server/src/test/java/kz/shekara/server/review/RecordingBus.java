package kz.shekara.server.review;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/** A bus that keeps every published event, in publish order, and delivers nothing. Thread-safe. */
final class RecordingBus implements Bus {
    /** One publish call. */
    record Published(String topic, String key, DomainEvent event) {
    }

    private final List<Published> published = new ArrayList<>();

    @Override
    public synchronized <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        published.add(new Published(topic.name(), key, event));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        throw new UnsupportedOperationException("a recording bus has no subscribers");
    }

    @Override
    public void drain() {
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public void close() {
    }
}
