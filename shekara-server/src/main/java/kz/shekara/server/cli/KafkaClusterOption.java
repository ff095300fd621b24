package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import kz.shekara.server.kafka.KafkaTopics;
import picocli.CommandLine.Option;

/**
 * The Kafka cluster a command reads or writes, as a picocli mixin ({@code @Mixin KafkaClusterOption
 * cluster;}): {@code --kafka HOST:PORT} (required), {@code --topic-prefix P} and {@code --wait D}, how long
 * the command waits for a broker to answer before it gives up with an error. Not thread-safe (picocli fills
 * it while parsing).
 */
public final class KafkaClusterOption {
    /** The exit code of a command that found no broker. */
    static final int NO_BROKER = 1;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap address.")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "P",
            description = "Put before every topic name (keeps several runs apart on one cluster; default none).")
    String topicPrefix;

    @Option(names = "--wait", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for a broker to answer before giving up (default ${DEFAULT-VALUE}).")
    Duration wait;

    /**
     * Whether a broker answers within {@code --wait}; when none does, says so on {@code err} (the command then
     * exits with {@link #NO_BROKER}) rather than leaving the client to retry without end.
     */
    boolean answers(PrintWriter err) {
        if (KafkaTopics.reachable(bootstrap, wait)) {
            return true;
        }
        String within = wait.toMillis() % 1000 == 0 ? wait.toSeconds() + "s" : wait.toMillis() + "ms";
        err.println("shekara: no Kafka broker answered at " + bootstrap + " within " + within
                + " (is the broker running? --wait sets how long to wait)");
        err.flush();
        return false;
    }
}
