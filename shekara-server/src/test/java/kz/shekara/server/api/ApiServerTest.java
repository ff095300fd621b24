package kz.shekara.server.api;

import static kz.shekara.server.api.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    private final WebHarness web = new WebHarness(Clock.fixed(Events.at(600), ZoneOffset.UTC));

    @AfterEach
    void close() {
        web.close();
    }

    private static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("properties").path("id").asText()));
        return ids;
    }

    private static JsonNode feature(JsonNode fc, String id) {
        for (JsonNode f : fc.get("features")) {
            if (f.get("properties").path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id + " in " + fc);
    }

    @Test
    void unitsMergeTheatreDefinitionsWithLivePositionsAndAddTakDevicesByUid() throws Exception {
        web.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", 10, 43.7, 51.3, UnitStatus.EN_ROUTE),
                Events.unit("ANDROID-5f2c", "Kyran 7", "a-f-G-U-C", 12, 41.6, 69.4, UnitStatus.AVAILABLE));

        HttpResponse<String> r = web.get("/api/v1/units");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/geo+json");
        JsonNode fc = WebHarness.JSON.readTree(r.body());
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(ids(fc)).containsExactly("HELI-1", "BOAT-1", "PATROL-1", "FOOT-1", "ANDROID-5f2c");

        JsonNode heli = feature(fc, "HELI-1");
        assertThat(heli.get("type").asText()).isEqualTo("Feature");
        assertThat(heli.at("/geometry/type").asText()).isEqualTo("Point");
        assertThat(heli.at("/geometry/coordinates/0").asDouble()).isEqualTo(51.3);
        assertThat(heli.at("/geometry/coordinates/1").asDouble()).isEqualTo(43.7);
        JsonNode p = heli.get("properties");
        assertThat(p.get("callsign").asText()).isEqualTo("Berkut 1");
        assertThat(p.get("kind").asText()).isEqualTo("helicopter");
        assertThat(p.get("base").asText()).isEqualTo("aktau-air");
        assertThat(p.get("status").asText()).isEqualTo("en-route");
        assertThat(p.get("time").asText()).isEqualTo("2026-03-01T06:00:10Z");
        assertThat(p.get("exercise").asBoolean()).isTrue();

        JsonNode boat = feature(fc, "BOAT-1");
        assertThat(boat.at("/properties/reported").asBoolean()).isFalse();
        assertThat(boat.at("/properties/status").isNull()).isTrue();
        assertThat(boat.at("/geometry/coordinates/1").asDouble()).isEqualTo(43.63);

        JsonNode tak = feature(fc, "ANDROID-5f2c");
        assertThat(tak.at("/properties/callsign").asText()).isEqualTo("Kyran 7");
        assertThat(tak.at("/properties/kind").asText()).isEqualTo("foot-patrol");
        assertThat(tak.at("/properties/theatreUnit").asBoolean()).isFalse();

        assertThat(web.getJson("/api/v1/units/ANDROID-5f2c").at("/properties/status").asText()).isEqualTo("available");
        assertThat(web.get("/api/v1/units/NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void olderPositionDoesNotReplaceNewerOne() throws Exception {
        web.publish(Events.unit("PATROL-1", "Sarbaz 1", "a-f-G-E-V", 20, 41.6, 69.3, UnitStatus.TASKED));
        web.publish(Events.unit("PATROL-1", "Sarbaz 1", "a-f-G-E-V", 15, 41.0, 69.0, UnitStatus.AVAILABLE));
        JsonNode p = web.getJson("/api/v1/units/PATROL-1");
        assertThat(p.at("/properties/status").asText()).isEqualTo("tasked");
        assertThat(p.at("/properties/lat").asDouble()).isEqualTo(41.6);
    }

    @Test
    void zonesCarryKindNameSectorAndPostureAndFilterByKind() throws Exception {
        JsonNode all = web.getJson("/api/v1/zones");
        assertThat(all.get("features")).hasSize(web.theatre.zones().size());
        JsonNode sector = feature(all, "sector-south-uz");
        assertThat(sector.at("/geometry/type").asText()).isEqualTo("Polygon");
        assertThat(sector.at("/properties/kind").asText()).isEqualTo("sector");
        assertThat(sector.at("/properties/name").asText()).isEqualTo("Saryagash");
        assertThat(sector.at("/properties/sector").asText()).isEqualTo("south-uz");
        assertThat(sector.at("/properties/posture").asText()).isEqualTo("elevated");
        assertThat(feature(all, "KZ").at("/properties/sector").isNull()).isTrue();
        JsonNode site = feature(all, "site-offshore");
        assertThat(site.at("/properties/bufferM").asDouble()).isEqualTo(5000);
        assertThat(site.at("/properties/buffer/type").asText()).isEqualTo("Polygon");
        // The 5 km buffer of a point reaches 5 km (0.045 degrees of latitude) north of it.
        double north = 0;
        for (JsonNode c : site.at("/properties/buffer/coordinates/0")) {
            north = Math.max(north, c.get(1).asDouble());
        }
        assertThat(north).isCloseTo(42.9 + 5000 / 111_000.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(sector.at("/properties/labelLat").asDouble()).isBetween(41.2, 43.0);

        JsonNode borders = web.getJson("/api/v1/zones?kind=border,crossing-point");
        assertThat(ids(borders)).containsExactly("border-south-uz", "border-caspian", "cp-zhibek-zholy");
        assertThat(feature(borders, "border-south-uz").at("/geometry/type").asText()).isEqualTo("LineString");
        assertThat(feature(borders, "border-south-uz").at("/geometry/coordinates/0/0").asDouble()).isEqualTo(66.5);
    }

    @Test
    void sensorsBasesAndTheatreSummary() throws Exception {
        JsonNode sensors = web.getJson("/api/v1/sensors");
        assertThat(ids(sensors)).containsExactly("radar-1", "rpm-1", "coast-radar");
        assertThat(feature(sensors, "rpm-1").at("/properties/alarm").asBoolean()).isTrue();
        assertThat(feature(sensors, "radar-1").at("/properties/rangeM").asDouble()).isEqualTo(20_000);

        JsonNode bases = web.getJson("/api/v1/bases");
        assertThat(ids(bases)).contains("aktau-air", "saryagash-post");
        assertThat(feature(bases, "aktau-air").at("/properties/kind").asText()).isEqualTo("air-base");
        assertThat(feature(bases, "saryagash-post").at("/properties/units").asInt()).isEqualTo(2);

        JsonNode theatre = web.getJson("/api/v1/theatre");
        assertThat(theatre.get("name").asText()).contains("test fixture");
        assertThat(theatre.get("bbox")).hasSize(4);
        // The area of operations (sectors, borders, sites, bases), not the whole basemap.
        assertThat(theatre.at("/bbox/0").asDouble()).isEqualTo(49.5);
        assertThat(theatre.at("/bbox/3").asDouble()).isEqualTo(44.8);
        assertThat(theatre.get("timeZone").asText()).isEqualTo("+05:00");
    }

    @Test
    void detectionsSinceReturnsOnlyLaterOnesOldestFirst() throws Exception {
        web.publish(Events.detection("radar-1", SensorKind.RADAR, 100, 41.5, 69.3),
                Events.detection("rpm-1", SensorKind.RADIATION, 110, 41.48, 69.37),
                Events.detection("radar-1", SensorKind.RADAR, 120, 41.51, 69.31));

        JsonNode all = web.getJson("/api/v1/detections");
        assertThat(all.get("features")).hasSize(3);
        JsonNode since = web.getJson("/api/v1/detections?since=" + at(110));
        assertThat(since.get("features")).hasSize(1);
        assertThat(since.at("/features/0/properties/time").asText()).isEqualTo("2026-03-01T06:02:00Z");
        JsonNode alarm = web.getJson("/api/v1/detections?since=" + at(105) + "&limit=2").at("/features/0/properties");
        assertThat(alarm.get("kind").asText()).isEqualTo("radiation");
        assertThat(alarm.get("alarm").asBoolean()).isTrue();
        assertThat(alarm.get("exercise").asBoolean()).isTrue();
        assertThat(web.getJson("/api/v1/detections?limit=1").at("/features/0/properties/time").asText())
                .isEqualTo("2026-03-01T06:02:00Z");
    }

    @Test
    void invalidRequestsGet4xxWithJsonErrorAndAreCounted() throws Exception {
        HttpResponse<String> badSince = web.get("/api/v1/detections?since=yesterday");
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(badSince.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode err = WebHarness.JSON.readTree(badSince.body());
        assertThat(err.get("error").asText()).isEqualTo("bad-parameter");
        assertThat(err.get("detail").asText()).contains("since", "yesterday");

        assertThat(error(web.get("/api/v1/detections?limit=0"))).isEqualTo("bad-parameter");
        assertThat(error(web.get("/api/v1/units?colour=red"))).isEqualTo("unknown-parameter");
        assertThat(error(web.get("/api/v1/zones?kind=volcano"))).isEqualTo("bad-parameter");
        HttpResponse<String> missing = web.get("/api/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(WebHarness.JSON.readTree(missing.body()).get("error").asText()).isEqualTo("not-found");

        String metrics = web.get("/api/v1/metrics").body();
        assertThat(metrics).contains("shekara_adapter_rejections_total{adapter=\"api\",reason=\"bad-parameter\"} 3.0");
        assertThat(metrics).contains("shekara_adapter_rejections_total{adapter=\"api\",reason=\"unknown-parameter\"} 1.0");
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        return WebHarness.JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void postedMessageGoesOnTheBusAndIntoMessages() throws Exception {
        BlockingQueue<ChatMessage> onBus = new LinkedBlockingQueue<>();
        web.bus.subscribe(Topic.MESSAGES, "test", onBus::add);
        web.publish(Events.chat("m-1", 5, "Kyran 2 at post"));

        HttpResponse<String> r = web.post("/api/v1/messages", "application/json",
                "{\"text\": \"  All units: radio check  \", \"chatroom\": \"All Chat Rooms\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode sent = WebHarness.JSON.readTree(r.body());
        assertThat(sent.get("text").asText()).isEqualTo("All units: radio check");
        assertThat(sent.get("time").asText()).isEqualTo("2026-03-01T06:10:00Z");

        assertThat(onBus.poll(10, TimeUnit.SECONDS).id()).isEqualTo("m-1");
        ChatMessage m = onBus.poll(10, TimeUnit.SECONDS);
        assertThat(m.text()).isEqualTo("All units: radio check");
        assertThat(m.senderCallsign()).isEqualTo("OPS commander");
        assertThat(m.chatroom()).isEqualTo("All Chat Rooms");

        web.bus.drain();
        JsonNode list = web.getJson("/api/v1/messages").get("messages");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("text").asText()).isEqualTo("Kyran 2 at post");
        assertThat(list.get(1).get("id").asText()).isEqualTo(m.id());
        assertThat(web.get("/api/v1/metrics").body())
                .contains("shekara_adapter_events_in_total{adapter=\"web\"} 1.0");
    }

    @Test
    void badMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": \"hi\", \"priority\": 1}")))
                .isEqualTo("unknown-field");
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": \"   \"}"))).isEqualTo("missing-field");
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": "))).isEqualTo("malformed");
        assertThat(error(web.post("/api/v1/messages", "application/json", "[1]"))).isEqualTo("malformed");
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": 5}"))).isEqualTo("wrong-type");
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": \"" + "x".repeat(1001) + "\"}")))
                .isEqualTo("out-of-range");
        assertThat(error(web.post("/api/v1/messages", "application/json", "{\"text\": \"" + "x".repeat(9000) + "\"}")))
                .isEqualTo("oversized");
        assertThat(error(web.post("/api/v1/messages", "text/plain", "hello"))).isEqualTo("unsupported-media-type");
        web.bus.drain();
        assertThat(web.getJson("/api/v1/messages").get("messages")).isEmpty();
    }

    @Test
    void tracksCarryCovarianceVelocityAndTrail() throws Exception {
        web.publish(Events.track("T-1", 10, 41.50, 69.30), Events.track("T-1", 14, 41.51, 69.31),
                Events.track("T-1", 18, 41.52, 69.32));
        JsonNode t = feature(web.getJson("/api/v1/tracks"), "T-1");
        assertThat(t.at("/geometry/coordinates/1").asDouble()).isEqualTo(41.52);
        JsonNode p = t.get("properties");
        assertThat(p.get("covEE").asDouble()).isEqualTo(400);
        assertThat(p.get("covEN").asDouble()).isEqualTo(50);
        assertThat(p.get("covNN").asDouble()).isEqualTo(900);
        assertThat(p.get("vnMps").asDouble()).isEqualTo(1.0);
        assertThat(p.get("targetClass").asText()).isEqualTo("walker");
        assertThat(p.get("trail")).hasSize(3);
        assertThat(p.at("/trail/0/1").asDouble()).isEqualTo(41.50);
        assertThat(p.get("sensors").get(0).asText()).isEqualTo("radar-1");
    }

    @Test
    void healthIsUpWithComponents() throws Exception {
        JsonNode h = web.getJson("/api/v1/health");
        assertThat(h.get("status").asText()).isEqualTo("UP");
        assertThat(h.at("/components/http/port").asInt()).isEqualTo(web.port);
        assertThat(h.at("/components/theatre/zones").asInt()).isEqualTo(web.theatre.zones().size());
        assertThat(h.at("/components/live/status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithQueueDepths() throws Exception {
        HttpResponse<String> r = web.get("/api/v1/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("# TYPE shekara_queue_depth gauge", "shekara_queue_depth{queue=\"live-state\"}",
                "shekara_bus_queue_depth{group=\"live-state.units\"}", "shekara_web_sessions");
    }

    @Test
    void servesTheMapPageAndLeafletFromTheClasspath() throws Exception {
        HttpResponse<String> page = web.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"map\"", "/webjars/leaflet/1.9.4/dist/leaflet.js", "app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        for (String asset : List.of("/app.js", "/i18n.js", "/style.css", "/symbols.js", "/details.js", "/format.js",
                "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/1.9.4/dist/leaflet.css")) {
            assertThat(web.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(page.body()).doesNotContain("http://", "https://");
    }

    @Test
    void webSocketPushesStatusThenLiveUnitsAsJsonMessages() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        List<CharSequence> parts = new CopyOnWriteArrayList<>();
        WebSocket ws = web.http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + web.port + "/api/v1/live"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        parts.add(data);
                        if (last) {
                            try {
                                WebHarness.JSON.readTree(String.join("", parts)).forEach(received::add);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            parts.clear();
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            JsonNode first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first.get("type").asText()).isEqualTo("status");
            assertThat(first.get("webSessions").asInt()).isEqualTo(1);

            web.publish(Events.unit("BOAT-1", "Akbota", "a-f-S-X", 30, 43.5, 51.0, UnitStatus.EN_ROUTE));
            JsonNode unit = next(received, "unit");
            assertThat(unit.get("id").asText()).isEqualTo("BOAT-1");
            assertThat(unit.get("kind").asText()).isEqualTo("boat");
            assertThat(unit.get("lat").asDouble()).isEqualTo(43.5);
            assertThat(unit.get("exercise").asBoolean()).isTrue();

            web.publish(Events.detection("coast-radar", SensorKind.RADAR, 31, 43.4, 50.9));
            assertThat(next(received, "detection").get("sensor").asText()).isEqualTo("coast-radar");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> q, String type) throws InterruptedException {
        while (true) {
            JsonNode n = q.poll(10, TimeUnit.SECONDS);
            assertThat(n).as("a %s message", type).isNotNull();
            if (n.get("type").asText().equals(type)) {
                return n;
            }
        }
    }

    @Test
    void sameEventsGiveSameBytes() throws Exception {
        String[] first = snapshot(web);
        try (WebHarness other = new WebHarness(Clock.fixed(Events.at(600), ZoneOffset.UTC))) {
            assertThat(snapshot(other)).containsExactly(first);
        }
    }

    private static String[] snapshot(WebHarness h) throws Exception {
        h.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", 10, 43.7, 51.3, UnitStatus.EN_ROUTE),
                Events.detection("radar-1", SensorKind.RADAR, 11, 41.5, 69.3), Events.track("T-9", 12, 41.5, 69.3),
                Events.chat("m-2", 13, "ok"));
        return new String[] {h.get("/api/v1/units").body(), h.get("/api/v1/detections").body(),
                h.get("/api/v1/tracks").body(), h.get("/api/v1/messages").body()};
    }
}
