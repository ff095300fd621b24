package kz.shekara.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.cli.DemoCommand;
import kz.shekara.server.cli.ShekaraCommand;
import picocli.CommandLine;

/**
 * An hour of the demo with an operator at the desk: starts the demo server in-process (its scenario,
 * rules, dispatch desk and exercise units, the demo accounts), signs in over HTTP as the demo's
 * operator, dispatches the top recommended unit to every incident as it opens, and resolves an
 * incident five exercise minutes after its unit is on scene, so that units return to patrol. At the
 * end it prints the alerts and incidents of the period by rule (per exercise hour), the exercise flags,
 * the response steps seen on the bus (dispatch → en route → on scene: median, p90, negatives) and
 * {@code GET /api/v1/stats/response} as the demo's analyst reads it. Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.DemoHour [speed] [exerciseMinutes] [seed]}
 * (defaults 10 60 1: six minutes of wall clock). A wall-clock harness, never a test.
 */
public final class DemoHour {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ON_SCENE_HOLD = Duration.ofMinutes(5);

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();
    private final Map<String, IncidentEvent> opened = new ConcurrentHashMap<>();
    private final Map<String, Map<TaskStatus, Instant>> steps = new ConcurrentHashMap<>();
    private final AtomicInteger dispatched = new AtomicInteger();
    private final AtomicInteger pursuits = new AtomicInteger();
    private final AtomicInteger notDispatched = new AtomicInteger();
    private final AtomicInteger resolved = new AtomicInteger();
    private final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Instant firstEvent;
    private volatile Instant lastEvent;

    private DemoHour() {
    }

    public static void main(String[] args) throws Exception {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        new DemoHour().run(speed, minutes, seed);
    }

    private void run(double speed, int minutes, long seed) throws Exception {
        Path dir = Files.createTempDirectory("shekara-demo-hour");
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(System.out, true));
        CommandLine.ParseResult parsed = cl.parseArgs("demo", "--http-port", "0", "--cot-port", "0", "--tls-port", "0",
                "--data-dir", dir.toString(), "--speed", Double.toString(speed), "--seed", Long.toString(seed));
        DemoCommand demo = parsed.subcommand().commandSpec().commandLine().getCommand();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        ExecutorService desk = Executors.newSingleThreadExecutor();
        try (ShekaraServer server = demo.start()) {
            String base = "http://127.0.0.1:" + server.ports().http();
            Session operator = Session.login(base, "operator", "demo-operator");
            Session analyst = Session.login(base, "analyst", "demo-analyst");
            server.bus().subscribe(Topic.ALERTS, "demo-hour", a -> {
                seen(a.time());
                alerts.putIfAbsent(a.id(), a);
            });
            server.bus().subscribe(Topic.INCIDENTS, "demo-hour", e -> {
                seen(e.time());
                if (e.change() == IncidentEvent.Change.OPENED && opened.putIfAbsent(e.incident(), e) == null) {
                    desk.submit(() -> dispatchTop(operator, e.incident()));
                }
            });
            server.bus().subscribe(Topic.TASKS, "demo-hour", t -> {
                seen(t.time());
                steps.computeIfAbsent(t.incident(), k -> new ConcurrentHashMap<>()).putIfAbsent(t.status(), t.time());
                if (t.status() == TaskStatus.ON_SCENE) {
                    long delayMs = Math.round(ON_SCENE_HOLD.toMillis() / speed);
                    later.schedule(() -> desk.submit(() -> resolve(operator, t)), delayMs, TimeUnit.MILLISECONDS);
                }
            });
            long wallMs = Math.round(minutes * 60_000 / speed);
            Thread.sleep(wallMs);
            server.bus().drain();
            later.shutdownNow();
            desk.shutdown();
            desk.awaitTermination(30, TimeUnit.SECONDS);
            report(speed, analyst);
        } finally {
            later.shutdownNow();
            desk.shutdownNow();
        }
    }

    private synchronized void seen(Instant t) {
        if (firstEvent == null || t.isBefore(firstEvent)) {
            firstEvent = t;
        }
        if (lastEvent == null || t.isAfter(lastEvent)) {
            lastEvent = t;
        }
    }

    /** The operator's reaction to a new incident: the top recommended unit, dispatched. */
    private void dispatchTop(Session operator, String incident) {
        try {
            JsonNode recs = operator.get("/api/v1/incidents/" + incident + "/recommendations");
            JsonNode top = recs.path("recommendations").path(0);
            if (top.isMissingNode()) {
                notDispatched.incrementAndGet();
                Map<String, Integer> reasons = new java.util.TreeMap<>();
                recs.path("excluded").forEach(x -> reasons.merge(x.path("reason").asText(), 1, Integer::sum));
                refusals.add(incident + ": no unit recommended at " + recs.path("target") + " (track "
                        + recs.path("track").asText() + "), excluded " + reasons);
                return;
            }
            HttpResponse<String> r = operator.send("POST", "/api/v1/incidents/" + incident + "/dispatch",
                    "{\"unit\":\"" + top.path("unit").asText() + "\"}");
            if (r.statusCode() == 201) {
                dispatched.incrementAndGet();
                if (!top.path("intercept").asBoolean(true)) {
                    pursuits.incrementAndGet();
                }
            } else {
                notDispatched.incrementAndGet();
                refusals.add(incident + ": dispatch " + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            notDispatched.incrementAndGet();
            refusals.add(incident + ": " + e);
        }
    }

    private void resolve(Session operator, Task onScene) {
        try {
            HttpResponse<String> r = operator.send("PUT", "/api/v1/incidents/" + onScene.incident() + "/status",
                    "{\"status\":\"resolved\",\"disposition\":\"confirmed\",\"note\":\"exercise: target stopped\"}");
            if (r.statusCode() == 200) {
                resolved.incrementAndGet();
            } else {
                refusals.add(onScene.incident() + ": resolve " + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            refusals.add(onScene.incident() + ": " + e);
        }
    }

    private void report(double speed, Session analyst) throws Exception {
        double hours = firstEvent == null ? 0 : Duration.between(firstEvent, lastEvent).toMillis() / 3_600_000.0;
        System.out.printf(Locale.ROOT, "exercise period %s .. %s (%.2f h at x%.0f)%n", firstEvent, lastEvent, hours, speed);
        TreeMap<String, Integer> byRule = new TreeMap<>();
        TreeMap<String, Integer> incidentsByRule = new TreeMap<>();
        long notExercise = alerts.values().stream().filter(a -> !a.marking().exercise()).count();
        alerts.values().forEach(a -> byRule.merge(a.rule().alertClass() + " " + a.rule().code(), 1, Integer::sum));
        opened.values().forEach(e -> {
            Alert a = alerts.get(e.alert());
            incidentsByRule.merge(a == null ? "?" : a.rule().code(), 1, Integer::sum);
        });
        System.out.printf(Locale.ROOT, "alerts %d (%.1f per hour), not marked exercise: %d%n", alerts.size(),
                alerts.size() / hours, notExercise);
        byRule.forEach((k, n) -> System.out.printf(Locale.ROOT, "  alerts  %-40s %4d  %6.1f/h%n", k, n, n / hours));
        System.out.printf(Locale.ROOT, "incidents %d (%.1f per hour)%n", opened.size(), opened.size() / hours);
        incidentsByRule.forEach((k, n) -> System.out.printf(Locale.ROOT, "  incidents by first alert %-24s %4d  %6.1f/h%n",
                k, n, n / hours));
        System.out.printf(Locale.ROOT, "operator: dispatched %d (%d on a pursuit: nobody could intercept), not dispatched %d,"
                + " resolved %d%n", dispatched.get(), pursuits.get(),
                notDispatched.get(), resolved.get());
        refusals.stream().limit(20).forEach(r -> System.out.println("  " + r));
        step("dispatched -> en route", TaskStatus.DISPATCHED, TaskStatus.EN_ROUTE);
        step("en route -> on scene", TaskStatus.EN_ROUTE, TaskStatus.ON_SCENE);
        step("dispatched -> on scene", TaskStatus.DISPATCHED, TaskStatus.ON_SCENE);
        JsonNode stats = analyst.get("/api/v1/stats/response");
        System.out.println("GET /api/v1/stats/response all: " + stats.path("all"));
    }

    private void step(String name, TaskStatus from, TaskStatus to) {
        List<Double> s = new ArrayList<>();
        steps.values().forEach(m -> {
            if (m.containsKey(from) && m.containsKey(to)) {
                s.add(Duration.between(m.get(from), m.get(to)).toMillis() / 1000.0);
            }
        });
        s.sort(Double::compare);
        long negative = s.stream().filter(x -> x < 0).count();
        System.out.printf(Locale.ROOT, "%-24s n=%d median=%s p90=%s max=%s negative=%d%n", name, s.size(),
                quantile(s, 0.5), quantile(s, 0.9), s.isEmpty() ? "-" : s.get(s.size() - 1), negative);
    }

    private static String quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f s", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))));
    }

    /** A signed-in web session of one demo account: its cookie and its CSRF token. */
    private record Session(String base, HttpClient http, String csrf) {
        static Session login(String base, String user, String password) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("login of " + user + " refused: " + r.statusCode() + " " + r.body());
            }
            return new Session(base, http, JSON.readTree(r.body()).path("csrf").asText());
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("X-CSRF-Token", csrf).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
