package kz.shekara.server.cli;

import picocli.CommandLine.Option;

/**
 * The Kafka cluster a command reads or writes, as a picocli mixin ({@code @Mixin KafkaClusterOption
 * cluster;}): {@code --kafka HOST:PORT} (required) and {@code --topic-prefix P}. Not thread-safe
 * (picocli fills it while parsing).
 */
public final class KafkaClusterOption {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap address.")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "P",
            description = "Put before every topic name (keeps several runs apart on one cluster; default none).")
    String topicPrefix;
}
