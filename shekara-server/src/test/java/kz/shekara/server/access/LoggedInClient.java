package kz.shekara.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client logged in as one account: before the first request to a server (scheme, host and
 * port) it logs in there with {@code POST /api/v1/session}, then sends the session cookie with every
 * request and the session's CSRF token with every one, and logs in again once when a request is
 * answered 401 (the server restarted, or the session ended). WebSockets get the cookie too.
 */
final class LoggedInClient extends HttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Login(String cookie, String csrf) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String user;
    private final String password;
    private final Map<String, Login> logins = new ConcurrentHashMap<>();

    LoggedInClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    private static String origin(URI uri) {
        return uri.getScheme().replace("ws", "http") + "://" + uri.getAuthority();
    }

    private Login login(String origin) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("user", user).put("password", password).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login of " + user + " at " + origin + " -> " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        JsonNode j = JSON.readTree(r.body());
        Login l = new Login(cookie, j.get("csrf").asText());
        logins.put(origin, l);
        return l;
    }

    private Login loginFor(URI uri) throws IOException, InterruptedException {
        Login l = logins.get(origin(uri));
        return l != null ? l : login(origin(uri));
    }

    private static HttpRequest with(HttpRequest request, Login l) {
        return HttpRequest.newBuilder(request, (n, v) -> !n.equalsIgnoreCase("Cookie")
                        && !n.equalsIgnoreCase("X-CSRF-Token"))
                .header("Cookie", l.cookie()).header("X-CSRF-Token", l.csrf()).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> r = http.send(with(request, loginFor(request.uri())), handler);
        if (r.statusCode() == 401 && !request.uri().getPath().equals("/api/v1/session")) {
            r = http.send(with(request, login(origin(request.uri()))), handler);
        }
        return r;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.sendAsync(with(request, loginFor(request.uri())), handler);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        WebSocket.Builder b = http.newWebSocketBuilder();
        return new WebSocket.Builder() {
            @Override
            public WebSocket.Builder header(String name, String value) {
                b.header(name, value);
                return this;
            }

            @Override
            public WebSocket.Builder connectTimeout(Duration timeout) {
                b.connectTimeout(timeout);
                return this;
            }

            @Override
            public WebSocket.Builder subprotocols(String most, String... lesser) {
                b.subprotocols(most, lesser);
                return this;
            }

            @Override
            public CompletableFuture<WebSocket> buildAsync(URI uri, WebSocket.Listener listener) {
                try {
                    return b.header("Cookie", loginFor(uri).cookie()).buildAsync(uri, listener);
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }
}
