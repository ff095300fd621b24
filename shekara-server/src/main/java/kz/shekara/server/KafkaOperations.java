package kz.shekara.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.api.ReportedPart;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.ConsumerLag;
import kz.shekara.server.kafka.KafkaBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@code serve --kafka} node's cluster is doing, for operators: the consumer lag of every
 * partition the node's subscriptions hold ({@value #LAG}, tagged group, topic and partition), the
 * broker reachable or not ({@value #BROKER_UP}, probed every {@link #PROBE_EVERY}), events unsent, publishes
 * that waited for the cluster (back-pressure) and events lost past the delivery timeout; the same on
 * {@code /api/v1/health} (component {@code kafka}: DOWN as soon as no broker answers, the whole server
 * DOWN with HTTP 503 once that has lasted {@code brokerDownAfter}) and on the status line (field
 * {@code kafka}). Wall-clock operating figures only; nothing here reaches domain state. Thread-safe.
 */
final class KafkaOperations implements ReportedPart, AutoCloseable {
    static final String LAG = "shekara.kafka.consumer.lag";
    static final String BROKER_UP = "shekara.kafka.broker.up";
    static final Duration PROBE_EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOperations.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KafkaBus bus;
    private final Duration downAfter;
    private final Clock wall;
    private final MultiGauge lagGauges;
    private final ScheduledExecutorService ticker;
    private volatile boolean up = true;
    private volatile Instant since;
    private volatile long downSinceNanos;
    private volatile List<ConsumerLag> lag = List.of();

    private KafkaOperations(KafkaBus bus, ShekaraConfig.Kafka config, MeterRegistry meters, Clock wall) {
        this.bus = bus;
        this.downAfter = config.brokerDownAfter();
        this.wall = wall;
        this.since = wall.instant();
        this.lagGauges = MultiGauge.builder(LAG).description("Records on a partition the node's consumer group has "
                + "not handled yet").register(meters);
        new NodeMeters<>(meters, this).gauge(BROKER_UP, "1 while a Kafka broker answers, else 0", o -> o.up ? 1 : 0);
        new NodeMeters<>(meters, bus)
                .gauge("shekara.kafka.unsent", "Events handed to the Kafka producer and not yet on the cluster",
                        KafkaBus::unsent)
                .gauge("shekara.kafka.publishers.waiting", "Publishers (inputs) waiting for the Kafka cluster now",
                        KafkaBus::waitingPublishers)
                .counter("shekara.kafka.backpressure",
                        "Publishes that waited for the Kafka cluster (back-pressure on the inputs)", KafkaBus::backPressured)
                .counter("shekara.kafka.send.failures", "Events the Kafka producer gave up on after its delivery timeout",
                        KafkaBus::sendFailures);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("kafka-operations").unstarted(r));
    }

    /** Reports {@code bus} on the server's metrics, health and status line until the server closes. */
    static void start(ShekaraServer server, KafkaBus bus, ShekaraConfig.Kafka config, Clock wall) {
        KafkaOperations ops = new KafkaOperations(bus, config, server.meters(), wall);
        ops.ticker.scheduleWithFixedDelay(ops::measureLag, 0, 1, TimeUnit.SECONDS);
        ops.ticker.scheduleWithFixedDelay(ops::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        server.api().report(ops);
        server.closeWith(ops);
    }

    private void measureLag() {
        try {
            List<ConsumerLag> now = bus.lag();
            lag = now;
            lagGauges.register(now.stream().map(l -> MultiGauge.Row.of(Tags.of("group", l.group(), "topic", l.topic(),
                    "partition", Integer.toString(l.partition())), l.lag())).toList(), true);
        } catch (RuntimeException e) {
            LOG.warn("Kafka consumer lag not measured: {}", e.toString());
        }
    }

    private void probe() {
        boolean reachable = bus.reachable(PROBE_EVERY);
        if (reachable != up) {
            since = wall.instant();
            downSinceNanos = System.nanoTime();
            up = reachable;
            if (reachable) {
                LOG.info("Kafka broker at {} reachable again", bus.bootstrap());
            } else {
                LOG.warn("Kafka broker at {} not reachable", bus.bootstrap());
            }
        }
    }

    private long totalLag() {
        return lag.stream().mapToLong(ConsumerLag::lag).sum();
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public ObjectNode health() {
        ObjectNode o = NODES.objectNode();
        o.put("status", up ? "UP" : "DOWN");
        o.put("broker", up ? "reachable" : "unreachable");
        o.put("bootstrap", bus.bootstrap());
        o.put("since", since.toString());
        o.put("unsent", bus.unsent());
        o.put("waitingPublishers", bus.waitingPublishers());
        o.put("backPressure", bus.backPressured());
        o.put("sendFailures", bus.sendFailures());
        o.put("lag", totalLag());
        return o;
    }

    @Override
    public boolean failing() {
        return !up && System.nanoTime() - downSinceNanos >= downAfter.toNanos();
    }

    @Override
    public ObjectNode status() {
        return NODES.objectNode().put("broker", up ? "UP" : "DOWN").put("lag", totalLag())
                .put("unsent", bus.unsent()).put("backPressure", bus.backPressured());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
