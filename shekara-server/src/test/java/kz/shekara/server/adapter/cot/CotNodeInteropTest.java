package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a third-party TAK client library: the npm package @tak-ps/node-cot (pinned
 * in src/test/node/package.json and package-lock.json) builds two clients' SA, GeoChat and ping,
 * and parses everything this server sends, on plain TCP and on TLS with issued client certificates
 * (Node's own tls). Needs node and npm on the PATH; fails without them.
 */
class CotNodeInteropTest {
    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-interop");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of());
    private static final Instant T = Instant.parse("2026-03-14T06:31:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new ArrayList<>();

    @Test
    void nodeCotClientsExchangePositionsAndChatAndParseEverythingTheServerSends() throws Exception {
        installNodeProject();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BlockingQueue<DomainEvent> published = new LinkedBlockingQueue<>();
        // Raw sensor detections go to the devices of the groups that ask for them: here the plain TCP group.
        CotServerConfig config = CotServerConfig.defaults().withBindHost("127.0.0.1").withPort(0)
                .withRawDetectionGroups(Set.of(CotConnection.ANONYMOUS));
        try (InMemoryBus bus = new InMemoryBus(2, 10_000);
             CotServer server = new CotServer(config, bus, MARKING, registry,
                     Clock.fixed(Instant.parse("2026-03-14T07:00:00Z"), ZoneOffset.UTC))) {
            bus.subscribe(Topic.UNIT_POSITIONS, "test", published::add);
            bus.subscribe(Topic.MESSAGES, "test", published::add);
            int port = server.start();
            Process node = new ProcessBuilder("node", "interop.mjs", Integer.toString(port))
                    .directory(WORK.toFile()).redirectError(WORK.resolve("interop.err").toFile()).start();
            try (Writer stdin = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
                Thread.ofVirtual().start(() -> readLines(node));
                awaitLine(n -> "connected".equals(n.path("stage").asText()));
                awaitCondition(() -> server.connectedClients().size() == 2);
                command(stdin, "sa");
                awaitCondition(() -> server.connectedClients().stream().filter(c -> "Cyan".equals(c.group())).count() == 2);
                assertThat(server.connectedClients()).extracting(ConnectedClient::callsign)
                        .containsExactlyInAnyOrder("ALPHA", "BRAVO");

                publishShekaraObjects(bus);
                command(stdin, "chat");

                awaitEvent("BRAVO", n -> n.path("uid").asText().equals("NODE-ALPHA") && n.path("lat").asDouble() == 42.311);
                JsonNode chat = awaitEvent("BRAVO", n -> n.path("type").asText().equals("b-t-f")
                        && n.path("remarks").asText().equals("Vehicle at post 14"));
                assertThat(chat.path("chatroom").asText()).isEqualTo("All Chat Rooms");
                awaitEvent("ALPHA", n -> n.path("uid").asText().equals("NODE-BRAVO") && n.path("lat").asDouble() == 42.412);
                awaitEvent("ALPHA", n -> n.path("type").asText().equals("t-x-c-t-r"));
                for (String client : List.of("ALPHA", "BRAVO")) {
                    JsonNode heli = awaitEvent(client, n -> n.path("uid").asText().equals("HELI-1"));
                    assertThat(heli.path("type").asText()).isEqualTo("a-f-A-M-H");
                    assertThat(heli.path("opex").asText()).isEqualTo("e");
                    assertThat(heli.path("remarks").asText()).startsWith("EXERCISE");
                    assertThat(heli.path("callsign").asText()).isEqualTo("BERKUT-1");
                    assertThat(heli.path("stale").asText()).isEqualTo("2026-03-14T06:33:00.000Z");
                    JsonNode det = awaitEvent(client, n -> n.path("uid").asText().startsWith("shekara.detection.radar-7"));
                    assertThat(det.path("type").asText()).isEqualTo("a-u-G");
                    assertThat(det.path("lat").asDouble()).isEqualTo(41.52);
                    JsonNode track = awaitEvent(client, n -> n.path("uid").asText().equals("T-42"));
                    assertThat(track.path("type").asText()).isEqualTo("a-u-S");
                    assertThat(track.path("course").asDouble()).isEqualTo(90.0);
                    assertThat(track.path("speed").asDouble()).isEqualTo(5.0);
                    awaitEvent(client, n -> n.path("remarks").asText().equals("All units hold positions"));
                }
                command(stdin, "quit");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                node.destroy();
            }
            drainLines();
            assertThat(events).filteredOn(n -> n.has("error")).isEmpty();
            assertThat(events).filteredOn(n -> n.path("client").asText().equals("ALPHA"))
                    .extracting(n -> n.path("uid").asText()).as("nothing back to the sender").doesNotContain("NODE-ALPHA");
            assertThat(events).filteredOn(n -> n.path("client").asText().equals("BRAVO"))
                    .extracting(n -> n.path("type").asText()).as("ping answered, not relayed")
                    .doesNotContain("t-x-c-t", "t-x-c-t-r");

            List<DomainEvent> onBus = new ArrayList<>();
            bus.drain();
            published.drainTo(onBus);
            assertThat(onBus).filteredOn(e -> e instanceof ChatMessage m && m.senderUid().equals("NODE-ALPHA"))
                    .extracting(e -> ((ChatMessage) e).text()).containsExactly("Vehicle at post 14");
            assertThat(onBus).filteredOn(e -> e instanceof UnitPosition p && p.unit().equals("NODE-ALPHA"))
                    .extracting(e -> ((UnitPosition) e).callsign()).contains("ALPHA");
        }
    }

    private static void publishShekaraObjects(InMemoryBus bus) throws InterruptedException {
        bus.publish(Topic.UNIT_POSITIONS, "caspian", new UnitPosition(T, "HELI-1", "BERKUT-1", "a-f-A-M-H",
                43.65, 51.2, 270, 55, UnitStatus.EN_ROUTE, MARKING.asExercise()));
        bus.publish(Topic.OBSERVATIONS, "south", new Detection(T, "radar-7", SensorKind.RADAR, 41.52, 69.01, 25,
                MARKING));
        bus.publish(Topic.TRACKS, "caspian", new TrackUpdate(T, "T-42", "caspian", 43.0, 50.5, 0, 5, 100, 0, 100,
                TrackStatus.CONFIRMED, TargetClass.VESSEL, new TreeSet<>(Set.of("radar-1")), MARKING));
        bus.publish(Topic.MESSAGES, "south", new ChatMessage(T, "ops-1", "ops-centre", "OPS", "All Chat Rooms",
                "All units hold positions", Double.NaN, Double.NaN, MARKING));
        bus.drain();
    }

    @Test
    void nodeClientsOverTlsWithIssuedCertificatesExchangePositionsAndChat(@TempDir Path dir) throws Exception {
        installNodeProject();
        CertificateAuthority ca = CertificateAuthority.init(dir.resolve("data"), Clock.systemUTC());
        Path certs = dir.resolve("certs");
        CotServerConfig config = CotServerConfig.defaults().withBindHost("127.0.0.1").withPort(-1);
        try (InMemoryBus bus = new InMemoryBus(2, 10_000);
             CotServer server = new CotServer(config, bus, MARKING, new SimpleMeterRegistry(),
                     Clock.fixed(Instant.parse("2026-03-14T06:31:00Z"), ZoneOffset.UTC))) {
            server.start();
            int port = server.startTls(ca.serverContext(server::tlsRefused), 0, user -> java.util.Optional.empty());
            for (String user : List.of("alpha", "bravo")) {
                ClientFiles.write(ca.issue(user, "kz-bs"), certs, "atakatak", "localhost", port);
            }
            Process node = new ProcessBuilder("node", "interop.mjs", Integer.toString(port), "tls", certs.toString())
                    .directory(WORK.toFile()).redirectError(WORK.resolve("interop-tls.err").toFile()).start();
            try (Writer stdin = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
                Thread.ofVirtual().start(() -> readLines(node));
                awaitLine(n -> "connected".equals(n.path("stage").asText()));
                awaitCondition(() -> server.connectedClients().size() == 2);
                assertThat(server.connectedClients()).allSatisfy(c -> assertThat(c.routingGroups()).containsExactly("kz-bs"));
                command(stdin, "sa");
                command(stdin, "chat");
                awaitEvent("ALPHA", n -> n.path("uid").asText().equals("NODE-BRAVO") && n.path("lat").asDouble() == 42.412);
                awaitEvent("BRAVO", n -> n.path("uid").asText().equals("NODE-ALPHA") && n.path("lat").asDouble() == 42.311);
                JsonNode chat = awaitEvent("BRAVO", n -> n.path("type").asText().equals("b-t-f")
                        && n.path("remarks").asText().equals("Vehicle at post 14"));
                assertThat(chat.path("chatroom").asText()).isEqualTo("All Chat Rooms");
                command(stdin, "quit");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                node.destroyForcibly();
            }
        }
    }

    private static void installNodeProject() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        boolean lockChanged = !Files.exists(WORK.resolve("package-lock.json"))
                || Files.mismatch(SOURCE.resolve("package-lock.json"), WORK.resolve("package-lock.json")) >= 0;
        for (String f : List.of("package.json", "package-lock.json", "interop.mjs")) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!lockChanged && Files.isDirectory(WORK.resolve("node_modules/@tak-ps/node-cot"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("npm-ci.log").toFile()).start();
        assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci exit code, see " + WORK.resolve("npm-ci.log")).isZero();
    }

    private void readLines(Process node) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            lines.add(JSON.createObjectNode().put("error", "reading node output: " + e));
        }
    }

    private static void command(Writer stdin, String cmd) throws IOException {
        stdin.write(cmd + "\n");
        stdin.flush();
    }

    private JsonNode awaitLine(Predicate<JsonNode> match) throws InterruptedException {
        for (JsonNode n : events) {
            if (match.test(n)) {
                return n;
            }
        }
        while (true) {
            JsonNode n = lines.poll(60, TimeUnit.SECONDS);
            assertThat(n).as("node-cot client output; seen so far: " + events).isNotNull();
            events.add(n);
            assertThat(n.has("error")).as("node-cot error: " + n).isFalse();
            if (match.test(n)) {
                return n;
            }
        }
    }

    private JsonNode awaitEvent(String client, Predicate<JsonNode> match) throws InterruptedException {
        return awaitLine(n -> n.path("client").asText().equals(client) && match.test(n));
    }

    private void drainLines() {
        List<JsonNode> rest = new ArrayList<>();
        lines.drainTo(rest);
        events.addAll(rest);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
