package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that goes away and comes back: an {@code ingest} node ({@code serve --kafka}) takes TAK
 * devices' positions over its CoT input while the broker ({@code shekara broker} in a child JVM) is
 * killed with SIGKILL mid-stream and started again on the same port and data directory. The node says
 * so (health DOWN with HTTP 503 after {@code kafka.brokerDownAfter}, {@code broker: DOWN} on the status
 * line), holds its input back once {@code kafka.maxUnsent} events wait (counted), and loses nothing:
 * every position sent before, during and after the outage is on the topic exactly once, each device's
 * in the order it sent them, and the devices' connection is never closed (held back, it is not a slow
 * client for the CoT event timeout). Waits are on conditions, with generous bounds; no time is asserted.
 */
class KafkaBrokerRestartTest {
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final int PARTITIONS = 4;
    private static final int DEVICES = 6;
    private static final int PER_PHASE = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient plain = HttpClient.newHttpClient();
    private final HttpClient commander = TestAccounts.commander();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aBrokerKilledAndStartedAgainLosesNoEventAndTheNodeSaysSoMeanwhile() throws Exception {
        int port = freePort();
        Path brokerData = dir.resolve("kafka");
        Process broker = startBroker(port, brokerData);
        String kafka = "localhost:" + port;
        String prefix = "restart.";
        Theatre theatre = TheatreLoader.loadDefault();
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(dir.resolve("node"))
                // A short event timeout: the reader held through the outage must not be taken for a slow device.
                .withCotTimeouts(Duration.ofMinutes(10), Duration.ofSeconds(5))
                .withKafka(new ShekaraConfig.Kafka(Duration.ofMinutes(10), 20, Duration.ofSeconds(3))).validate();
        TestAccounts.seed(config, theatre);
        KafkaBusConfig bus = KafkaBusConfig.of(kafka).withPartitions(PARTITIONS).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        Instant base = Instant.now();
        try (ShekaraServer node = KafkaNode.start(config, theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("ingest")));
             Socket device = new Socket("127.0.0.1", node.ports().cot())) {
            int http = node.ports().http();
            OutputStream out = device.getOutputStream();

            send(out, base, 0);
            await("the first events are on the cluster", () -> gauge(node, "shekara.kafka.unsent") == 0
                    && count(node, "shekara.adapter.events.in") >= DEVICES * PER_PHASE, () -> state(node));
            // A probe of a broker on a loaded machine may time out now and then: awaited, not asserted once.
            await("health shows the broker reachable", () -> health(http).statusCode() == 200
                    && "UP".equals(kafkaHealth(http).get("status").asText()));

            broker.destroyForcibly(); // SIGKILL: the broker goes away without a word
            assertThat(broker.waitFor(2, TimeUnit.MINUTES)).isTrue();
            await("health shows the broker unreachable", () -> "DOWN".equals(kafkaHealth(http).get("status").asText()));
            await("the node is DOWN once the broker has been away brokerDownAfter", () -> health(http).statusCode() == 503);
            assertThat(status(http).get("kafka").get("broker").asText()).isEqualTo("DOWN");

            // The second part is sent while the broker is away: more than maxUnsent, so the input is held back.
            CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
                try {
                    send(out, base, 1);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            // Held back: a publisher waits, either with the window full or trying again a send the producer could not
            // queue (no metadata). A rise of the counter is not what is awaited: a wait that began while the broker
            // was still up (the local log's forwarder may be behind the device) is counted once, before the kill,
            // and goes on through the outage.
            await("the input is held back and that is counted", () -> {
                throwIfFailed(during);
                return gauge(node, "shekara.kafka.publishers.waiting") > 0;
            }, () -> state(node));
            assertThat(count(node, "shekara.kafka.backpressure")).isPositive();
            assertThat(kafkaHealth(http).get("backPressure").asLong()).isPositive();
            assertThat(status(http).get("kafka").get("backPressure").asLong()).isPositive();

            broker = startBroker(port, brokerData);
            await("health is UP again", () -> health(http).statusCode() == 200
                    && "UP".equals(kafkaHealth(http).get("status").asText()));
            during.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            send(out, base, 2);
            await("every event is on the cluster", () -> gauge(node, "shekara.kafka.unsent") == 0
                    && count(node, "shekara.adapter.events.in") >= 3 * DEVICES * PER_PHASE, () -> state(node));
            assertThat(count(node, "shekara.kafka.send.failures")).isZero();
            // Held back, the device was not taken for a slow or idle one: its connection was never closed.
            assertThat(count(node, "shekara.adapter.rejections")).as("CoT input refused or closed").isZero();
        }

        List<TopicReader.Read> read = new ArrayList<>();
        await("every event is read back", () -> {
            read.clear();
            read.addAll(TopicReader.readAll(kafka, prefix, List.of(Topic.UNIT_POSITIONS), Duration.ofSeconds(3),
                    bad -> { }));
            return read.size() >= 3 * DEVICES * PER_PHASE;
        });
        Map<String, List<Integer>> byDevice = new HashMap<>();
        for (TopicReader.Read r : read) {
            UnitPosition p = (UnitPosition) r.event();
            byDevice.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(sequence(p));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 3 * PER_PHASE; i++) {
            all.add(i);
        }
        assertThat(byDevice).hasSize(DEVICES);
        byDevice.forEach((unit, seqs) -> assertThat(seqs).as("%s: every position once, in the order sent", unit)
                .isEqualTo(all));
        broker.destroy();
        broker.waitFor(2, TimeUnit.MINUTES);
    }

    /** Throws the failure {@code sending} ended with (the device's connection closed, say), if it did. */
    private static void throwIfFailed(CompletableFuture<Void> sending) {
        if (sending.isCompletedExceptionally()) {
            sending.join();
        }
    }

    /** Part {@code part} of the stream: PER_PHASE positions of each device, the devices interleaved. */
    private static void send(OutputStream out, Instant base, int part) throws IOException {
        for (int i = part * PER_PHASE; i < (part + 1) * PER_PHASE; i++) {
            StringBuilder xml = new StringBuilder();
            for (int d = 0; d < DEVICES; d++) {
                xml.append(sa("RESTART-" + d, 41.3 + d * 0.25, 69.3 + i * 1e-4, base.plusMillis(i * 100L)));
            }
            out.write(xml.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** The position's number in its device's stream, as encoded in its longitude. */
    private static int sequence(UnitPosition p) {
        return (int) Math.round((p.lon() - 69.3) * 1e4);
    }

    private static String sa(String uid, double lat, double lon, Instant t) {
        return "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(3600) + "\"><point lat=\"" + lat + "\" lon=\""
                + lon + "\" hae=\"300\" ce=\"10\" le=\"9999999\"/><detail><contact callsign=\"" + uid
                + "\" endpoint=\"*:-1:stcp\"/><__group name=\"Cyan\" role=\"Team Member\"/></detail></event>\n";
    }

    /** {@code shekara broker} in a child JVM on {@code port} and {@code data}; returns once it prints its address. */
    private Process startBroker(int port, Path data) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "kz.shekara.server.cli.ShekaraCommand", "broker", "--port", Integer.toString(port), "--data-dir",
                data.toString(), "--partitions", Integer.toString(PARTITIONS));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
        Process p = pb.start();
        children.add(p);
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("kafka=")) {
                Thread.ofPlatform().daemon().start(() -> drain(lines));
                return p;
            }
        }
        throw new IllegalStateException("the broker stopped before it was ready; see " + dir.resolve("broker.log"));
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // the broker's further output is not needed
            }
        } catch (IOException e) {
            // the broker is gone
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode kafkaHealth(int port) throws IOException, InterruptedException {
        return JSON.readTree(health(port).body()).get("components").get("kafka");
    }

    private JsonNode status(int port) throws IOException, InterruptedException {
        return JSON.readTree(commander.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/status")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static double gauge(ShekaraServer node, String name) {
        return node.meters().get(name).gauge().value();
    }

    private static double count(ShekaraServer node, String name) {
        return node.meters().find(name).functionCounters().stream().mapToDouble(c -> c.count()).sum()
                + node.meters().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        await(what, condition, () -> "");
    }

    /** As above; on failure the message says {@code state} too (what the node saw meanwhile). */
    private static void await(String what, Condition condition, java.util.function.Supplier<String> state)
            throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + state.get());
            }
            Thread.sleep(200);
        }
    }

    /** The node's Kafka and input counters and its publishing threads' stacks, for a failure's message. */
    private static String state(ShekaraServer node) {
        StringBuilder b = new StringBuilder("\nnode:");
        for (String name : List.of("shekara.kafka.unsent", "shekara.kafka.publishers.waiting")) {
            b.append(' ').append(name).append('=').append(gauge(node, name));
        }
        for (String name : List.of("shekara.kafka.backpressure", "shekara.kafka.send.failures",
                "shekara.adapter.events.in", "shekara.adapter.rejections", "shekara.cot.notices")) {
            b.append(' ').append(name).append('=').append(count(node, name));
        }
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("store-") || t.getName().startsWith("cot") || t.getName().contains("producer")) {
                b.append("\n").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    b.append("\n    at ").append(stack[i]);
                }
            }
        });
        return b.toString();
    }
}
