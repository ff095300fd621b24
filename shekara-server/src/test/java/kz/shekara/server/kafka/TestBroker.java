package kz.shekara.server.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Kafka broker for all the tests of a JVM, started on first use by the same code as
 * {@code shekara broker} (a free port, a fresh data directory) and stopped when the JVM exits; each
 * test keeps to its own topics with {@link #prefix()}.
 */
public final class TestBroker {
    /** Partitions of the topics the broker itself creates. */
    public static final int PARTITIONS = 4;
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static KafkaBroker broker;

    private TestBroker() {
    }

    /** The shared broker's bootstrap address, starting it if need be. */
    public static synchronized String bootstrap() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("shekara-kafka-test");
                broker = KafkaBroker.start(dir, "localhost", 0, PARTITIONS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-broker-stop"));
        }
        return broker.bootstrap();
    }

    /** A topic and group prefix no other test uses. */
    public static String prefix() {
        return "test" + PREFIXES.incrementAndGet() + ".";
    }

    /** A bus config on the shared broker with topics and groups of its own. */
    public static KafkaBusConfig config(int partitions) {
        String p = prefix();
        return KafkaBusConfig.of(bootstrap()).withPartitions(partitions).withTopicPrefix(p).withGroupPrefix(p);
    }
}
