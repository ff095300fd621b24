package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The batch pipeline over a simulated exercise on the default theatre: same files in, same bytes out. */
class ProcessCommandTest {

    private static int run(String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void writesTracksAlertsAndIncidentsDeterministically(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        assertThat(run("simulate", "--seed", "5", "--duration", "8m", "--out", sim.toString())).isZero();
        for (String out : List.of("a", "b")) {
            assertThat(run("process", "--in", sim.resolve("detections.jsonl").toString(), "--units",
                    sim.resolve("units.jsonl").toString(), "--out", dir.resolve(out).toString())).isZero();
        }
        for (String f : List.of("tracks.jsonl", "alerts.jsonl", "incidents.jsonl", "recommendations.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
        List<String> tracks = Files.readAllLines(dir.resolve("a/tracks.jsonl"));
        assertThat(tracks).isNotEmpty();
        List<String> alerts = Files.readAllLines(dir.resolve("a/alerts.jsonl"));
        assertThat(alerts).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : alerts) {
            JsonNode a = json.readTree(line);
            assertThat(a.fieldNames()).toIterable().contains("time", "alert", "rule", "severity", "zone", "track", "lat", "lon");
        }
        long incidentOpenings = Files.readAllLines(dir.resolve("a/incidents.jsonl")).stream()
                .filter(l -> l.contains("\"change\":\"opened\"")).count();
        assertThat(incidentOpenings).isBetween(1L, (long) alerts.size());
        assertThat(Files.readAllLines(dir.resolve("a/recommendations.jsonl"))).isNotEmpty();
    }

    @Test
    void ranksTheUnitsForEachIncidentFromTheUnitPositions(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("d.jsonl");
        Path units = dir.resolve("u.jsonl");
        try (var d = ProcessCommandTest.class.getResourceAsStream("fence-alarm.detections.jsonl");
             var u = ProcessCommandTest.class.getResourceAsStream("fence-alarm.units.jsonl")) {
            Files.copy(d, in);
            Files.copy(u, units);
        }
        for (String out : List.of("a", "b")) {
            assertThat(run("process", "--in", in.toString(), "--units", units.toString(), "--out",
                    dir.resolve(out).toString())).isZero();
        }
        byte[] a = Files.readAllBytes(dir.resolve("a/recommendations.jsonl"));
        assertThat(a).isEqualTo(Files.readAllBytes(dir.resolve("b/recommendations.jsonl")));
        ObjectMapper json = new ObjectMapper();
        JsonNode incident = json.readTree(Files.readAllLines(dir.resolve("a/incidents.jsonl")).get(0));
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("a/recommendations.jsonl"))) {
            lines.add(json.readTree(l));
        }
        assertThat(lines).isNotEmpty();
        JsonNode first = lines.get(0);
        // The foot patrol standing at the fence: its readiness (2 min at normal posture) and almost no way to go.
        assertThat(first.get("unit").asText()).isEqualTo("FP-UZ01");
        assertThat(first.get("kind").asText()).isEqualTo("foot-patrol");
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("etaS").asDouble()).isCloseTo(120.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(first.get("distanceM").asDouble()).isZero();
        assertThat(first.get("time").asDouble()).isEqualTo(10.0);
        double previous = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            assertThat(l.get("incident").asText()).isEqualTo(incident.get("incident").asText());
            assertThat(l.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(l.get("etaS").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = l.get("etaS").asDouble();
            // A stationary alarm: every unit meets it where it is.
            assertThat(l.get("interceptLat").asDouble()).isCloseTo(incident.get("lat").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(l.get("interceptLon").asDouble()).isCloseTo(incident.get("lon").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(l.fieldNames()).toIterable().containsExactly("time", "incident", "unit", "kind", "rank",
                    "etaS", "distanceM", "interceptLat", "interceptLon");
        }
        // The tasked vehicle is not offered; a TAK device that is no theatre unit is not either;
        // units with no position line wait at their base (the helicopters at Aktau).
        assertThat(lines).extracting(l -> l.get("unit").asText()).doesNotContain("GP-UZ01", "ANDROID-77")
                .contains("GP-UZ02");
    }

    @Test
    void skipsABadLineAndGoesOn(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("d.jsonl");
        Files.writeString(in, """
                {"time": 20, "sensor": "fence-uz-01", "kind": "fence", "lat": 42.0797, "lon": 70.0, "sigma_m": 5}
                {"time": "yesterday", "sensor": "x", "lat": 1, "lon": 2, "sigma_m": 5}
                {"time": 25, "sensor": "fence-uz-01", "kind": "fence", "lat": 42.0797, "lon": 70.0, "sigma_m": 5}
                """);
        assertThat(run("process", "--in", in.toString(), "--out", dir.resolve("o").toString())).isZero();
        List<String> alerts = Files.readAllLines(dir.resolve("o/alerts.jsonl"));
        assertThat(alerts).singleElement().asString().contains("\"rule\":\"sensor-alarm\"").contains("\"sensor\":\"fence-uz-01\"")
                .contains("\"time\":20,"); // a plain decimal, never 2E+1
    }

    @Test
    void heartbeatLinesKeepSensorsFromBeingReportedSilent(@TempDir Path dir) throws Exception {
        // Ten minutes in which every sensor of the default theatre sends a heartbeat each minute, but
        // one, which reports once at the start and then falls silent.
        List<String> ids = kz.shekara.server.theatre.TheatreLoader.loadDefault().sensors().stream()
                .map(kz.shekara.theatre.Sensor::id).sorted().toList();
        String quiet = "radar-uz-03";
        assertThat(ids).contains(quiet);
        StringBuilder lines = new StringBuilder();
        for (int t = 0; t <= 600; t += 60) {
            for (String id : ids) {
                if (!id.equals(quiet) || t == 0) {
                    lines.append("{\"time\": ").append(t).append(", \"sensor\": \"").append(id)
                            .append("\", \"heartbeat\": true}\n");
                }
            }
        }
        Path in = dir.resolve("heartbeats.jsonl");
        Files.writeString(in, lines);

        assertThat(run("process", "--in", in.toString(), "--out", dir.resolve("o").toString())).isZero();

        List<String> alerts = Files.readAllLines(dir.resolve("o/alerts.jsonl"));
        assertThat(Files.readAllLines(dir.resolve("o/tracks.jsonl"))).isEmpty();
        assertThat(alerts).filteredOn(a -> a.contains("\"rule\":\"sensor-silent\""))
                .singleElement().asString().contains("\"sensor\":\"" + quiet + "\"");
        // Sensor health goes to its own board: no incident.
        assertThat(Files.readAllLines(dir.resolve("o/incidents.jsonl"))).isEmpty();
    }

    /**
     * A recording of three movers seen by one radar (no unit positions, no other sensor): an inbound
     * vehicle at the B. Konysbayev crossing, an outbound walker, a vehicle driving along inside. The
     * crossings are raised with their direction and place, and nothing else: no sensor of the theatre
     * that is not in the file is reported silent, no sector void without unit positions. The
     * expected alerts and incidents are files beside the input.
     */
    @Test
    void threeMoversOneRadarRaiseTheCrossingsWithDirectionAndNoNoise(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("d.jsonl");
        try (var d = ProcessCommandTest.class.getResourceAsStream("three-movers.detections.jsonl")) {
            Files.copy(d, in);
        }
        assertThat(run("process", "--in", in.toString(), "--out", dir.resolve("o").toString())).isZero();
        for (String f : List.of("alerts", "incidents")) {
            try (var e = ProcessCommandTest.class.getResourceAsStream("three-movers." + f + ".expected.jsonl")) {
                assertThat(Files.readString(dir.resolve("o/" + f + ".jsonl")))
                        .isEqualTo(new String(e.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
