package kz.shekara.server.api;

import static kz.shekara.server.api.SharingHarness.HOME;
import static kz.shekara.server.api.SharingHarness.T0;
import static kz.shekara.server.api.SharingHarness.marking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * A partner over real HTTP sees exactly what was released to it, with its redactions; a release is
 * an act that later updates follow, over REST and the live stream; exercise data stays home in a
 * real deployment; each exit says the highest classification it carries.
 */
class PartnerFeedTest {
    private static final Marking OWN = FixtureTheatre.HOME;

    static TrackUpdate track(String id, int s, double lat, Marking m) {
        return new TrackUpdate(T0.plusSeconds(s), id, "south-uz", lat, 69.3, 1, 2, 400, 50, 900, TrackStatus.CONFIRMED,
                TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), m);
    }

    static String release(String kind, String id, String agency) {
        return "{\"kind\":\"" + kind + "\",\"id\":\"" + id + "\",\"agency\":\"" + agency
                + "\",\"reason\":\"joint search along the river\"}";
    }

    private static List<String> ids(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.path("features").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    @Test
    void partnerSeesOnlyWhatWasReleasedAndItsLaterUpdatesWithSensorsWithheld() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            h.publish(track("T-1", 0, 41.50, OWN), track("T-2", 0, 41.60, OWN));
            assertThat(ids(h.getJson("/api/v1/feeds/uz-bs", "uz-bs"))).isEmpty();

            HttpResponse<String> r = h.post("/api/v1/releases", null, release("track", "T-1", "uz-bs"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode made = SharingHarness.JSON.readTree(r.body());
            assertThat(made.path("by").asText()).isEqualTo("test-" + HOME + "-commander");
            assertThat(made.path("agency").asText()).isEqualTo("uz-bs");

            JsonNode feed = h.getJson("/api/v1/feeds/uz-bs", "uz-bs");
            assertThat(ids(feed)).containsExactly("track:T-1");
            assertThat(feed.at("/features/0/properties/sensors")).isEmpty();
            assertThat(h.getJson("/api/v1/tracks", "uz-bs").path("features")).hasSize(1);

            // A later update of the released track flows, over REST and the partner's live stream.
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = h.client("uz-bs", "/api/v1/feeds/uz-bs/live").newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + h.port + "/api/v1/feeds/uz-bs/live"), collect(frames))
                    .get(10, TimeUnit.SECONDS);
            awaitSessions(h, 1);
            h.publish(track("T-2", 5, 41.61, OWN), track("T-1", 5, 41.55, OWN));
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).contains("\"track:T-1\"").contains("41.55").doesNotContain("radar-1");
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).isNull();
            ws.abort();
            assertThat(h.getJson("/api/v1/feeds/uz-bs", "uz-bs").at("/features/0/geometry/coordinates/1").asDouble())
                    .isEqualTo(41.55);
            // The home agency still sees both, sensors and all.
            assertThat(h.getJson("/api/v1/tracks", null).path("features")).hasSize(2);
            assertThat(h.getJson("/api/v1/tracks", null).toString()).contains("radar-1");

            // What was released to whom: the partner sees the releases made to it; another partner none.
            assertThat(h.getJson("/api/v1/releases", null)).hasSize(1);
            assertThat(h.getJson("/api/v1/releases", "uz-bs").at("/0/id").asText()).isEqualTo("T-1");
            assertThat(h.getJson("/api/v1/releases", "kz-customs")).isEmpty();
        }
    }

    @Test
    void unitsReleasableToAPartnerShowOnlyAsTheirKind() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            Marking shared = marking(Classification.UNCLASSIFIED, HOME, "uz-bs");
            h.publish(new UnitPosition(T0, "PATROL-1", "Sarbaz 1", "a-f-G-U-C", 41.47, 69.18, 90, 8,
                    UnitStatus.AVAILABLE, shared));
            JsonNode feed = h.getJson("/api/v1/feeds/uz-bs", "uz-bs");
            assertThat(ids(feed)).containsExactly("unit:ground-vehicle-1");
            assertThat(feed.toString()).doesNotContain("PATROL-1").doesNotContain("Sarbaz");
            JsonNode units = h.getJson("/api/v1/units", "uz-bs");
            assertThat(ids(units)).containsExactly("ground-vehicle-1");
            assertThat(units.toString()).doesNotContain("PATROL-1").doesNotContain("Sarbaz");
            // Customs has no redactions but is not cleared for the home agency's own positions beyond what is released.
            assertThat(ids(h.getJson("/api/v1/units", "kz-customs"))).isEmpty();
            assertThat(ids(h.getJson("/api/v1/units", null))).contains("PATROL-1");
            assertThat(h.getJson("/api/v1/sensors", "uz-bs").path("features")).isEmpty();
        }
    }

    @Test
    void aPartnerAccountListsTheReleasesMadeToItsAgencyAndNoOthers() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            h.publish(track("T-1", 0, 41.50, OWN), track("T-2", 0, 41.60, OWN));
            assertThat(h.post("/api/v1/releases", null, release("track", "T-1", "uz-bs")).statusCode()).isEqualTo(201);
            assertThat(h.post("/api/v1/releases", null, release("track", "T-2", "kz-customs")).statusCode())
                    .isEqualTo(201);
            // Accounts of the partner role, which may read their feed and nothing of the picture.
            JsonNode uz = partnerReleases(h, "uz-bs");
            assertThat(uz).hasSize(1);
            assertThat(uz.at("/0/id").asText()).isEqualTo("T-1");
            assertThat(uz.at("/0/agency").asText()).isEqualTo("uz-bs");
            JsonNode customs = partnerReleases(h, "kz-customs");
            assertThat(customs).hasSize(1);
            assertThat(customs.at("/0/id").asText()).isEqualTo("T-2");
            assertThat(h.client("uz-bs", "/api/v1/feeds/uz-bs").send(java.net.http.HttpRequest.newBuilder(
                    URI.create(h.base() + "/api/v1/tracks")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("still no reading of the picture").isEqualTo(403);
            // The home agency lists both.
            assertThat(h.getJson("/api/v1/releases", null)).hasSize(2);
        }
    }

    private static JsonNode partnerReleases(SharingHarness h, String agency) throws Exception {
        HttpResponse<String> r = h.client(agency, "/api/v1/feeds/" + agency).send(java.net.http.HttpRequest.newBuilder(
                URI.create(h.base() + "/api/v1/releases")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return SharingHarness.JSON.readTree(r.body());
    }

    @Test
    void aFeedIsOnlyForItsOwnAgency() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            assertThat(h.get("/api/v1/feeds/uz-bs", "kz-mod").statusCode()).isEqualTo(403);
            assertThat(h.get("/api/v1/feeds/uz-bs", null).statusCode()).isEqualTo(403);
            assertThat(h.get("/api/v1/feeds/xx-none", "xx-none").statusCode()).isEqualTo(404);
            assertThat(h.get("/api/v1/feeds/uz-bs", "uz-bs").body()).contains("FeatureCollection");
            assertThat(h.get("/api/v1/feeds/uz-bs", "kz-mod").body()).contains("\"error\":\"forbidden\"");
        }
    }

    @Test
    void releasesThatMayNotBeMadeAreRefusedWithAReason() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            h.publish(track("T-S", 0, 41.5, marking(Classification.SECRET, HOME)),
                    track("T-X", 0, 41.6, OWN.asExercise()), track("T-M", 0, 41.7, marking(Classification.RESTRICTED,
                            "kz-mod", HOME)));
            assertThat(h.post("/api/v1/releases", null, release("track", "T-S", "uz-bs")).body())
                    .contains("above-clearance");
            assertThat(h.post("/api/v1/releases", null, release("track", "T-X", "kz-customs")).body())
                    .contains("exercise-data");
            assertThat(h.post("/api/v1/releases", null, release("track", "T-M", "kz-customs")).body())
                    .contains("not-originator");
            assertThat(h.post("/api/v1/releases", null, release("track", "T-S", "xx")).body()).contains("unknown-agency");
            assertThat(h.post("/api/v1/releases", null, release("track", "none", "kz-mod")).statusCode()).isEqualTo(404);
            assertThat(h.post("/api/v1/releases", null, release("vessel", "T-S", "kz-mod")).statusCode()).isEqualTo(400);
            assertThat(h.post("/api/v1/releases", "uz-bs", release("track", "T-S", "kz-mod")).statusCode()).isEqualTo(403);
            assertThat(h.post("/api/v1/releases", null, "{\"kind\":\"track\",\"id\":\"T-S\",\"agency\":\"kz-mod\"}")
                    .body()).contains("missing-field");
            assertThat(h.post("/api/v1/releases", null, release("track", "T-S", "kz-mod")).statusCode()).isEqualTo(201);
            assertThat(h.post("/api/v1/releases", null, release("track", "T-S", "kz-mod")).body())
                    .contains("already-released");
            assertThat(h.getJson("/api/v1/releases", null)).hasSize(1);
        }
    }

    @Test
    void exerciseDataNeverReachesAPartnerOfARealDeployment() throws Exception {
        Marking drill = marking(Classification.UNCLASSIFIED, HOME, "uz-bs").asExercise();
        try (SharingHarness real = new SharingHarness(false)) {
            real.publish(track("T-E", 0, 41.5, drill));
            assertThat(ids(real.getJson("/api/v1/feeds/uz-bs", "uz-bs"))).isEmpty();
            assertThat(ids(real.getJson("/api/v1/tracks", "uz-bs"))).isEmpty();
            assertThat(ids(real.getJson("/api/v1/tracks", null))).containsExactly("T-E");
        }
        try (SharingHarness exercise = new SharingHarness(true)) {
            exercise.publish(track("T-E", 0, 41.5, drill));
            assertThat(ids(exercise.getJson("/api/v1/feeds/uz-bs", "uz-bs"))).containsExactly("track:T-E");
        }
    }

    @Test
    void everyAnswerNamesTheHighestClassificationItCarries() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            h.publish(track("T-S", 0, 41.5, marking(Classification.SECRET, HOME, "kz-mod")),
                    track("T-U", 0, 41.6, marking(Classification.UNCLASSIFIED, HOME, "uz-bs")));
            assertThat(h.get("/api/v1/tracks", null).headers().firstValue(Banner.HEADER)).hasValue("SECRET");
            assertThat(h.get("/api/v1/tracks", "uz-bs").headers().firstValue(Banner.HEADER)).hasValue("UNCLASSIFIED");
            assertThat(h.get("/api/v1/feeds/kz-mod", "kz-mod").headers().firstValue(Banner.HEADER)).hasValue("SECRET");
        }
    }

    @Test
    void theLiveFeedOfEachBrowserCarriesWhatItsCallerMaySee() throws Exception {
        try (SharingHarness h = new SharingHarness(false)) {
            BlockingQueue<String> home = new LinkedBlockingQueue<>();
            BlockingQueue<String> partner = new LinkedBlockingQueue<>();
            WebSocket a = h.client(null, "/api/v1/live").newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + h.port + "/api/v1/live"), collect(home)).get(10, TimeUnit.SECONDS);
            WebSocket b = h.client("uz-bs", "/api/v1/live").newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + h.port + "/api/v1/live"), collect(partner))
                    .get(10, TimeUnit.SECONDS);
            // The handshake answer can reach the client before the server has registered the session.
            for (int i = 0; i < 200 && !h.get("/api/v1/status", null).body().contains("\"webSessions\":2"); i++) {
                Thread.sleep(10);
            }
            h.publish(track("T-OWN", 0, 41.50, OWN),
                    track("T-SHARED", 1, 41.60, marking(Classification.UNCLASSIFIED, HOME, "uz-bs")));
            StringBuilder seenByHome = new StringBuilder();
            StringBuilder seenByPartner = new StringBuilder();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && !(seenByHome.toString().contains("T-SHARED")
                    && seenByHome.toString().contains("T-OWN") && seenByPartner.toString().contains("T-SHARED"))) {
                String f = home.poll(50, TimeUnit.MILLISECONDS);
                if (f != null) {
                    seenByHome.append(f);
                }
                f = partner.poll(50, TimeUnit.MILLISECONDS);
                if (f != null) {
                    seenByPartner.append(f);
                }
            }
            assertThat(seenByHome.toString()).contains("T-OWN").contains("T-SHARED").contains("radar-1");
            assertThat(seenByPartner.toString()).contains("T-SHARED").doesNotContain("T-OWN").doesNotContain("radar-1");
            a.abort();
            b.abort();
        }
    }

    static void awaitSessions(SharingHarness h, int n) throws InterruptedException {
        for (int i = 0; i < 200 && h.stream.sessions() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(h.stream.sessions()).isEqualTo(n);
    }

    static WebSocket.Listener collect(BlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            private final StringBuilder part = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                part.append(data);
                if (last) {
                    frames.add(part.toString());
                    part.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
