package kz.shekara.server.review;

import static kz.shekara.server.review.ReviewFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.server.ReplaySession;
import kz.shekara.server.ServerAccess;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay session applies the releases, operational control and crises as they stood at the
 * replay's time, and records its callers' logins, state-changing requests and exports in the
 * store's audit trail: real HTTP, real accounts, a real SQLite store holding log, accounts and audit.
 * The fixture's track T-1 is released to the partner account's agency at +120 s; a crisis puts
 * GP-UZ01 under a defence ministry command from +150 s to +280 s.
 */
class ReplaySharingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private Theatre theatre;
    private String partnerAgency;
    private EventLog log;
    private ServerAccess access;
    private ReplaySession session;

    @BeforeEach
    void start() throws Exception {
        theatre = TheatreLoader.loadDefault();
        partnerAgency = TestAccounts.partnerAgency(theatre);
        log = EventLogs.open(null, dataDir, StoreConfig.defaults());
        Marking home = Marking.of(Classification.RESTRICTED, "kz-bs", Set.of("kz-mod"));
        String own = theatre.unit("GP-UZ01").orElseThrow().command();
        List<LogEntry> entries = new ArrayList<>(ReviewFixture.entries());
        entries.addAll(List.of(
                new LogEntry(Topic.RELEASES.name(), "T-1", new Release(at(120), Release.Kind.TRACK, "T-1", partnerAgency,
                        "commander", "joint search", Marking.of(Classification.RESTRICTED, "kz-bs", Set.of(partnerAgency)))),
                new LogEntry(Topic.CRISES.name(), "CR-1", new CrisisEvent(at(150), "CR-1", CrisisEvent.Status.DECLARED,
                        own, "mod-south", "commander", "flooding", home)),
                new LogEntry(Topic.UNIT_CONTROL.name(), "GP-UZ01", new ControlChange(at(150), "GP-UZ01", "mod-south",
                        "commander", "flooding", "CR-1", home)),
                new LogEntry(Topic.CRISES.name(), "CR-1", new CrisisEvent(at(280), "CR-1", CrisisEvent.Status.ENDED,
                        own, "mod-south", "commander", "over", home)),
                new LogEntry(Topic.UNIT_CONTROL.name(), "GP-UZ01", new ControlChange(at(280), "GP-UZ01", own,
                        "commander", "over", "CR-1", home))));
        // Logged in time order, as a server logs them (a stable sort keeps the fixture's own order).
        entries.sort(java.util.Comparator.comparing((LogEntry e) -> e.event().time()));
        log.append(entries);
        ShekaraConfig config = ShekaraConfig.defaults().withDataDir(dataDir);
        access = ServerAccess.open(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        TestAccounts.seed(dataDir, theatre);
        session = ReplaySession.start(log, theatre, new ReplaySession.Config(new HttpConfig("127.0.0.1", 0),
                new ReplayPeriod(at(0), at(301), 0), true, access.access(), access.audit(), false), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        session.close();
        access.close();
        log.close();
    }

    @Test
    void aPartnerSeesWhatWasReleasedToItByTheReplaysTimeAndNoMore() throws Exception {
        HttpClient partner = TestAccounts.client("partner");
        HttpClient commander = TestAccounts.commander();
        seek(commander, 100);
        assertThat(feed(partner)).as("before the release").doesNotContain("T-1");
        seek(commander, 130);
        assertThat(feed(partner)).as("after the release").contains("\"T-1\"");
        // The fixture's other track was never released, and its confidential incident is above the partner's clearance.
        assertThat(feed(partner)).doesNotContain("T-2").doesNotContain("INC-1");
        seek(commander, 110);
        assertThat(feed(partner)).as("seeking back before the release").doesNotContain("T-1");
        // A reader of the same agency on the map's routes is held to the same releases.
        assertThat(get(partner, "/api/v1/tracks").statusCode()).as("a partner reads its feed only").isEqualTo(403);
        assertThat(get(commander, "/api/v1/tracks").body()).contains("T-1");
    }

    @Test
    void controlAndCrisesAreAsTheyStoodAtTheReplaysTime() throws Exception {
        HttpClient commander = TestAccounts.commander();
        seek(commander, 140);
        assertThat(json(commander, "/api/v1/crisis")).isEmpty();
        assertThat(json(commander, "/api/v1/units/control").at("/GP-UZ01/command").asText()).isNotEqualTo("mod-south");
        seek(commander, 200);
        JsonNode crises = json(commander, "/api/v1/crisis");
        assertThat(crises).hasSize(1);
        assertThat(crises.at("/0/id").asText()).isEqualTo("CR-1");
        assertThat(crises.at("/0/to").asText()).isEqualTo("mod-south");
        JsonNode unit = json(commander, "/api/v1/units/control").get("GP-UZ01");
        assertThat(unit.get("command").asText()).isEqualTo("mod-south");
        assertThat(unit.get("agency").asText()).isEqualTo("kz-mod");
        assertThat(unit.get("crisis").asText()).isEqualTo("CR-1");
        // The partner agency is on neither marking: it sees no crisis and no unit control.
        HttpResponse<String> partner = get(TestAccounts.client("partner"), "/api/v1/crisis");
        assertThat(partner.statusCode()).isEqualTo(403);
        seek(commander, 290);
        assertThat(json(commander, "/api/v1/crisis")).isEmpty();
        assertThat(json(commander, "/api/v1/units/control").at("/GP-UZ01/command").asText())
                .isEqualTo(theatre.unit("GP-UZ01").orElseThrow().command());
    }

    @Test
    void theSessionsLoginsRequestsAndExportsGoToTheStoresAuditTrail() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpClient commander = TestAccounts.commander();
        seek(commander, 290);
        HttpResponse<String> export = get(TestAccounts.client("analyst"), "/api/v1/incidents/INC-1/export.json");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"operator\",\"password\":\"not-it-at-all\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        List<String> entries = new ArrayList<>();
        for (AuditEntry e : access.audit().read(before, Instant.now().plusSeconds(60), 1000)) {
            entries.add(e.actor() + " " + e.action() + " " + e.target() + " " + e.outcome());
        }
        assertThat(entries).anyMatch(e -> e.startsWith("commander login"))
                .anyMatch(e -> e.startsWith("analyst login"))
                .anyMatch(e -> e.startsWith("operator login") && !e.endsWith("ok"))
                .contains("commander POST /api/v1/replay/seek 200")
                .contains("analyst GET /api/v1/incidents/INC-1/export.json 200");
        assertThat(access.audit().verify().intact()).isTrue();
        // The replay only reads: the audit trail is the store's, the event log is unchanged.
        assertThat(log.latestSeq()).isEqualTo(ReviewFixture.entries().size() + 5L);
    }

    private void seek(HttpClient client, int seconds) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/v1/replay/seek"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + at(seconds) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String feed(HttpClient partner) throws Exception {
        HttpResponse<String> r = get(partner, "/api/v1/feeds/" + partnerAgency);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private JsonNode json(HttpClient client, String path) throws Exception {
        HttpResponse<String> r = get(client, path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + session.port() + path);
    }
}
