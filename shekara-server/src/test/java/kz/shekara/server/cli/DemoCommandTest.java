package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = TestAccounts.client("commander", "demo-commander");

    @TempDir
    Path dataDir;

    @Test
    void demoOnPortZeroPrintsItsPortsAndServesTheMapAndApi() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        CommandLine.ParseResult parsed = cl.parseArgs("demo", "--http-port", "0", "--cot-port", "0", "--tls-port", "0",
                "--data-dir", dataDir.toString(), "--speed", "20");
        DemoCommand demo = parsed.subcommand().commandSpec().commandLine().getCommand();
        try (ShekaraServer server = demo.start()) {
            Matcher m = Pattern.compile("^shekara: http=(\\d+) cot=(\\d+) udp=off tls=(\\d+) web=http://127\\.0\\.0\\.1:(\\d+)/$",
                    Pattern.MULTILINE).matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isPositive().isEqualTo(server.ports().http());
            assertThat(Integer.parseInt(m.group(2))).isPositive().isEqualTo(server.ports().cot());
            assertThat(Integer.parseInt(m.group(3))).as("TLS beside plain TCP").isPositive()
                    .isEqualTo(server.ports().tls());
            assertThat(dataDir.resolve("ca/ca.pem")).as("the CA, created on first start").isRegularFile();

            assertThat(out.toString()).as("the demo accounts, printed at start")
                    .containsPattern("operator +demo-operator +operator +kz-bs")
                    .containsPattern("commander +demo-commander +commander +kz-bs")
                    .containsPattern("analyst +demo-analyst +analyst +kz-bs")
                    .containsPattern("admin +demo-admin +admin +kz-bs")
                    .containsPattern("partner-uz +demo-partner-uz +partner +uz-bs");
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/units")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("no identity, no picture").isEqualTo(401);
            HttpResponse<String> partner = TestAccounts.client("partner-uz", "demo-partner-uz").send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/units")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(partner.statusCode()).as("a partner reads its feed only").isEqualTo(403);

            HttpResponse<String> page = get(port, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html").contains("leaflet");

            JsonNode zones = JSON.readTree(get(port, "/api/v1/zones").body());
            assertThat(zones.path("type").asText()).isEqualTo("FeatureCollection");
            assertThat(zones.path("features").size()).isEqualTo(server.theatre().zones().size());

            JsonNode health = JSON.readTree(get(port, "/api/v1/health").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");

            // The scenario feeds the bus: theatre units report positions, marked as exercise.
            server.bus().drain();
            JsonNode units = JSON.readTree(get(port, "/api/v1/units").body());
            assertThat(units.path("features").size()).isEqualTo(server.theatre().units().size());
            assertThat(server.meters().find("shekara.source.events").tag("topic", Topic.UNIT_POSITIONS.name())
                    .counter()).isNotNull();
        }
    }

    @Test
    void exerciseScenarioMeasuresEachSensorsProbabilityOfDetectionAgainstItsTruth() throws Exception {
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = cl.parseArgs("demo", "--http-port", "0", "--cot-port", "0", "--tls-port", "0",
                "--data-dir", dataDir.toString(), "--speed", "50");
        DemoCommand demo = parsed.subcommand().commandSpec().commandLine().getCommand();
        try (ShekaraServer server = demo.start()) {
            int port = server.ports().http();
            long deadline = System.nanoTime() + 120_000_000_000L;
            JsonNode measured = null;
            while (measured == null && System.nanoTime() < deadline) {
                JsonNode stats = JSON.readTree(get(port, "/api/v1/stats/alerts").body());
                assertThat(stats.has("detection")).as(stats.toString()).isTrue();
                for (JsonNode d : stats.get("detection")) {
                    if (d.get("opportunities").asLong() >= 20 && d.get("kind").asText().equals("radar")) {
                        measured = d;
                    }
                }
                if (measured == null) {
                    Thread.onSpinWait();
                }
            }
            assertThat(measured).as("a radar with 20 or more opportunities within the deadline").isNotNull();
            assertThat(measured.get("pd").asDouble()).isBetween(0.0, 1.0);
            assertThat(measured.get("hits").asLong()).isPositive();
            String sensor = measured.get("sensor").asText();
            assertThat(server.theatre().sensors()).anyMatch(s -> s.id().equals(sensor));
        }
    }

    @Test
    void badFlagExitsWithOneLineAndCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--http-port", "eighty");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("shekara: ").contains("--http-port");
    }

    @Test
    void outOfRangePortIsRejected() {
        StringWriter err = new StringWriter();
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--http-port", "70000", "--data-dir", dataDir.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("http.port");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
