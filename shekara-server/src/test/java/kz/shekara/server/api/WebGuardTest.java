package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser-facing hardening and body caps, over real HTTP and WebSocket connections. */
class WebGuardTest {
    private WebHarness web;

    @BeforeEach
    void start() throws Exception {
        web = new WebHarness(FixtureTheatre.create(), Clock.systemUTC(), true);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void everyResponseForbidsFramingSniffingAndReferrers() throws Exception {
        for (String path : new String[] {"/", "/api/v1/health", "/api/v1/no-such-thing"}) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                    .contains("frame-ancestors 'none'").contains("default-src 'self'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
    }

    @Test
    void aCrossSiteSimpleRequestActsOnNothing() throws Exception {
        // What a hostile page can send without a preflight: text/plain or a form.
        HttpResponse<String> plain = web.post("/api/v1/alerts/AL-1/ack", "text/plain", "{\"by\":\"op\"}");
        assertThat(plain.statusCode()).isEqualTo(415);
        HttpResponse<String> form = web.post("/api/v1/sectors/uz-01/posture", "application/x-www-form-urlencoded",
                "posture=high&by=x&reason=y");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(WebHarness.JSON.readTree(form.body()).get("error").asText()).isEqualTo("unsupported-media-type");
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedAndTheServerGoesOn() throws Exception {
        byte[] big = new byte[HttpConfig.DEFAULT_MAX_BODY_BYTES * 4];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(web.base() + "/api/v1/alerts/AL-1/ack"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> r = web.http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(WebHarness.JSON.readTree(r.body()).get("error").asText()).isEqualTo("too-large");

        HttpRequest declared = HttpRequest.newBuilder(URI.create(web.base() + "/api/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        assertThat(web.http.send(declared, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

        assertThat(web.get("/api/v1/health").statusCode()).isEqualTo(200);
        assertThat(web.registry.counter("shekara.adapter.rejections", "adapter", "api", "reason", "too-large").count())
                .isEqualTo(2.0);
    }

    @Test
    void theLiveFeedOpensOnlyFromTheServersOwnOrigin() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + web.port + "/api/v1/live");
        WebSocket own = web.http.newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + web.port)
                .buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        own.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> web.http.newWebSocketBuilder().header("Origin", "https://evil.example")
                .buildAsync(ws, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void anOversizedWebSocketMessageClosesOnlyThatSocket() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + web.port + "/api/v1/live");
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        WebSocket socket = web.http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        socket.sendText("x".repeat(WebGuard.MAX_WS_MESSAGE_BYTES * 4), true);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        assertThat(web.get("/api/v1/health").statusCode()).isEqualTo(200);
    }
}
