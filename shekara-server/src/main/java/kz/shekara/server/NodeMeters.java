package kz.shekara.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * A node's meters read from one object: each registered by name, description and the function that reads
 * it, as a counter (a total that only grows) or a gauge (a value now). The registry holds the object
 * weakly, as Micrometer does. Registration is thread-safe as the registry's is.
 *
 * @param <T> the type of the object read
 */
record NodeMeters<T>(MeterRegistry registry, T source) {
    /** Registers a counter: {@code read} gives the total so far. */
    NodeMeters<T> counter(String name, String description, ToDoubleFunction<T> read) {
        FunctionCounter.builder(name, source, read).description(description).register(registry);
        return this;
    }

    /** Registers a gauge: {@code read} gives the value now. */
    NodeMeters<T> gauge(String name, String description, ToDoubleFunction<T> read) {
        Gauge.builder(name, source, read).description(description).register(registry);
        return this;
    }
}
