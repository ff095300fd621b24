package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    private final WebHarness web = new WebHarness();

    @AfterEach
    void close() {
        web.close();
    }

    /** A browser that reads nothing: the bus goes on, its detections are dropped and counted. */
    @Test
    void slowBrowserNeverBlocksTheBus() throws Exception {
        CountDownLatch firstFrame = new CountDownLatch(1);
        WebSocket stalled = web.http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + web.port + "/api/v1/live"),
                new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket ws) {
                        ws.request(1); // one frame, then never another
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        firstFrame.countDown();
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(firstFrame.await(10, TimeUnit.SECONDS)).isTrue();

        int n = 60_000;
        for (int i = 0; i < n; i++) {
            web.publish(new kz.shekara.model.Detection(Events.at(i / 100), "radar-1", SensorKind.RADAR,
                    41.0 + (i % 1000) * 1e-4, 69.0 + (i / 1000) * 1e-4, 25, Events.EXERCISE));
        }
        web.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", 700, 43.7, 51.3, UnitStatus.EN_ROUTE));

        // Every event reached the live picture although the browser read nothing.
        assertThat(web.live.eventCount()).isEqualTo(n + 1L);
        assertThat(web.getJson("/api/v1/units/HELI-1").at("/properties/lat").asDouble()).isEqualTo(43.7);
        String metrics = web.get("/api/v1/metrics").body();
        assertThat(dropped(metrics)).isGreaterThan(0);
        stalled.abort();
    }

    private static double dropped(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("shekara_web_dropped_total{reason=\"detection-queue-full\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A newer position of the same unit replaces a pending one: a browser gets at most one per unit per frame. */
    @Test
    void coalescesPositionsOfTheSameUnit() throws Exception {
        java.util.List<JsonNode> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch sawLast = new CountDownLatch(1);
        StringBuilder buf = new StringBuilder();
        WebSocket ws = web.http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + web.port + "/api/v1/live"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                        buf.append(data);
                        if (last) {
                            try {
                                JsonNode frame = WebHarness.JSON.readTree(buf.toString());
                                frames.add(frame);
                                frame.forEach(m -> {
                                    if (m.path("time").asText().equals("2026-03-01T06:16:39Z")) {
                                        sawLast.countDown();
                                    }
                                });
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            buf.setLength(0);
                        }
                        s.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            web.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", i, 43.0 + i * 1e-4, 51.0, UnitStatus.EN_ROUTE));
        }
        assertThat(sawLast.await(20, TimeUnit.SECONDS)).isTrue();
        for (JsonNode frame : frames) {
            long perUnit = 0;
            for (JsonNode m : frame) {
                perUnit += m.path("type").asText().equals("unit") ? 1 : 0;
            }
            assertThat(perUnit).isLessThanOrEqualTo(1);
        }
        ws.abort();
    }
}
