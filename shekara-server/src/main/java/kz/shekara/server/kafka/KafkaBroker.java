package kz.shekara.server.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Apache Kafka broker in this JVM, in KRaft mode (one process is broker and
 * controller), for a laptop and the tests; production uses a real cluster. {@link #start} formats
 * the data directory on first use (a directory formatted before is kept, with its topics and
 * offsets), starts the broker and creates Shekara's topics. Listens on {@code host:port} for
 * clients and on a second, free port for its own controller. Thread-safe to close once.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrap;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * Formats (if need be) and starts the broker, then creates every {@link KafkaTopics topic} with
     * {@code partitions} partitions; returns once clients can use it.
     *
     * @param dataDir where the broker keeps its logs and metadata (created if missing)
     * @param host the address to listen on and advertise (e.g. {@code localhost})
     * @param port the client port; 0 picks a free one
     * @param partitions partitions per topic (the most workers a role can spread over)
     */
    public static KafkaBroker start(Path dataDir, String host, int port, int partitions) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Files.createDirectories(dataDir);
        int clientPort = port == 0 ? freePort(host) : port;
        int controllerPort = freePort(host);
        KafkaConfig config = KafkaConfig.fromProps(properties(dataDir, host, clientPort, controllerPort), false);
        format(config, dataDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = host + ":" + clientPort;
        KafkaBroker broker = new KafkaBroker(server, bootstrap);
        try {
            server.startup();
            KafkaTopics.create(bootstrap, partitions);
        } catch (RuntimeException e) {
            broker.close();
            throw new IOException("Kafka broker did not start: " + e.getMessage(), e);
        }
        return broker;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrap() {
        return bootstrap;
    }

    /** Stops the broker and waits until it has; its data stays in the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties properties(Path dataDir, String host, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + "," + CONTROLLER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        // One node: every internal topic has one replica, and few partitions (faster to create).
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // A group forms as soon as its first member joins (no waiting for more).
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** Formats the data directory for this node unless it already is (then its cluster id is kept). */
    private static void format(KafkaConfig config, Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return; // formatted before: its cluster id stays (formatting again would ask for a new one)
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setIgnoreFormatted(true)
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .addDirectory(dataDir.toAbsolutePath().toString());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IOException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }
}
