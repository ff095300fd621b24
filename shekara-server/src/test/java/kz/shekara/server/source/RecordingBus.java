package kz.shekara.server.source;

import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.ForwardingBus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;

/**
 * The real in-memory bus, with a record of every {@link #publish} call (topic, key, event) in call order (the
 * sources publish one event at a time).
 */
final class RecordingBus extends ForwardingBus {
    record Published(Topic<?> topic, String key, DomainEvent event) {
    }

    private final List<Published> published = new ArrayList<>();

    RecordingBus() {
        super(new InMemoryBus(2, 1024));
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        synchronized (this) {
            published.add(new Published(topic, key, event));
        }
        super.publish(topic, key, event);
    }
}
