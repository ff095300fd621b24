package kz.shekara.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kz.shekara.server.kafka.KafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara broker}: a single-node Apache Kafka broker (KRaft, broker and controller in one
 * process) with Shekara's topics, for a laptop and the tests. Prints {@code kafka=HOST:PORT} when
 * clients can connect, and stops cleanly on SIGINT/SIGTERM.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) with Shekara's topics; prints kafka=HOST:PORT when ready.")
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Client port (default ${DEFAULT-VALUE}; 0 = a free port).")
    int port;

    @Option(names = "--host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Address to listen on and advertise to clients (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "data/kafka", paramLabel = "DIR",
            description = "Where the broker keeps its topics (default ${DEFAULT-VALUE}; formatted on first use).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "12", paramLabel = "N",
            description = "Partitions per topic: the most workers of one role (default ${DEFAULT-VALUE}).")
    int partitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KafkaBroker broker = KafkaBroker.start(dataDir, host, port, partitions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        spec.commandLine().getOut().println("kafka=" + broker.bootstrap());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
