package kz.shekara.server.review;

import kz.shekara.server.ReplaySession;
import static kz.shekara.server.review.ReviewFixture.at;
import static kz.shekara.server.review.ReviewFixture.t1Lat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import kz.shekara.server.access.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replay sessions over a log of known events, run against every store (SQLite and PostgreSQL subclasses). */
abstract class ReplaySessionContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ReplayPeriod WHOLE_FAST = new ReplayPeriod(at(0), at(301), 0);
    static Theatre theatre;

    private final HttpClient http = TestAccounts.commander();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;
    private final List<AutoCloseable> open = new ArrayList<>();
    EventLog log;

    abstract EventLog openEmptyLog() throws Exception;

    @BeforeAll
    static void loadTheatre() throws Exception {
        theatre = TheatreLoader.loadDefault();
    }

    @BeforeEach
    void fill() throws Exception {
        log = openEmptyLog();
        ReviewFixture.writeTo(log);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        log.close();
    }

    ReplaySession session(ReplayPeriod period, boolean paused, Clock clock) {
        ReplaySession s = ReplaySession.start(log, theatre, new ReplaySession.Config(new HttpConfig("127.0.0.1", 0), period,
                paused, TestAccounts.service(accessDir, theatre, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())),
                clock);
        open.add(s);
        return s;
    }

    /** The session's view of the picture, as the web map reads it. */
    String picture(ReplaySession s) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String path : List.of("/api/v1/tracks", "/api/v1/units", "/api/v1/detections", "/api/v1/alerts",
                "/api/v1/incidents", "/api/v1/sectors/posture")) {
            b.append(path).append(' ').append(get(s, path).body()).append('\n');
        }
        return b.toString();
    }

    HttpResponse<String> get(ReplaySession s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(ReplaySession s, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(ReplaySession s, String path) throws Exception {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void ended(ReplaySession s) throws Exception {
        s.replay().ended().get(60, TimeUnit.SECONDS);
        s.bus().drain();
    }

    List<StoredEvent> wholeLog() {
        try (Stream<StoredEvent> all = log.readAfter(0)) {
            return all.toList();
        }
    }

    long loggedUpTo(Instant t) {
        try (Stream<StoredEvent> s = log.readTimeRange(at(0), t.plusNanos(1))) {
            return s.count();
        }
    }

    /** Waits (up to 20 s) for a condition the replay thread brings about. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void replayPublishesThePeriodsLoggedEventsInLogOrderTheSameEveryTime() throws Exception {
        ReplayPeriod period = new ReplayPeriod(at(30), at(200), 0);
        List<List<RecordingBus.Published>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            RecordingBus bus = new RecordingBus();
            LogReplay replay = new LogReplay(log, period, bus, Clock.systemUTC(), e -> { }, () -> { });
            replay.start(false);
            replay.ended().get(60, TimeUnit.SECONDS);
            replay.close();
            runs.add(bus.published());
        }
        List<RecordingBus.Published> expected;
        try (Stream<StoredEvent> s = log.readTimeRange(at(30), at(200))) {
            expected = s.map(e -> new RecordingBus.Published(e.topic(), e.key(), e.event())).toList();
        }
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(runs.get(0)).isEqualTo(expected);
        assertThat(runs.get(1)).isEqualTo(expected);
    }

    @Test
    void twoSessionsOfTheSamePeriodEndWithTheSamePictureByteForByte() throws Exception {
        ReplaySession a = session(WHOLE_FAST, false, Clock.systemUTC());
        ReplaySession b = session(WHOLE_FAST, false, Clock.systemUTC());
        ended(a);
        ended(b);
        String picture = picture(a);
        assertThat(picture(b)).isEqualTo(picture);
        JsonNode tracks = json(a, "/api/v1/tracks");
        assertThat(tracks.at("/features/0/properties/id").asText()).isEqualTo("T-1");
        assertThat(tracks.at("/features/0/properties/lat").asDouble()).isEqualTo(t1Lat(10));
        assertThat(json(a, "/api/v1/alerts").at("/0/state").asText()).isEqualTo("closed");
        assertThat(json(a, "/api/v1/incidents/INC-1/timeline").get("timeline")).hasSize(3);
        JsonNode state = json(a, "/api/v1/replay");
        assertThat(state.get("mode").asText()).isEqualTo("replay");
        assertThat(state.get("ended").asBoolean()).isTrue();
        assertThat(state.get("published").asLong()).isEqualTo(wholeLog().size());
    }

    /**
     * A session whose period starts at T1 starts from the full state at T1: the incidents opened and
     * the alerts raised before it, with their status then, as the picture folded from the log at T1
     * holds them — at several instants of the fixture (before the alert, after it, after the
     * assignment, after the resolution).
     */
    @Test
    void aSessionStartingAtT1StartsFromTheStateAtT1() throws Exception {
        LogPictures pictures = new LogPictures(log);
        for (int t1 : new int[] {30, 80, 120, 245, 280}) {
            ReplaySession s = session(new ReplayPeriod(at(t1), at(301), 10), true, Clock.systemUTC());
            Picture p = pictures.at(at(t1).minusNanos(1), LogPictures.DEFAULT_WINDOW);
            assertThat(s.outputs().incidents()).as("incidents at +%d s", t1)
                    .extracting(i -> i.id() + " " + i.status().code() + " " + i.unit())
                    .containsExactlyElementsOf(p.incidents().stream()
                            .map(i -> i.id() + " " + i.status().code() + " " + i.unit()).toList());
            assertThat(s.outputs().alerts()).as("alerts at +%d s", t1)
                    .extracting(a -> a.alert().id() + " " + a.state().code())
                    .containsExactlyElementsOf(p.alerts().stream()
                            .map(a -> a.alert().id() + " " + a.state().code()).toList());
            if (t1 > 60) {
                assertThat(json(s, "/api/v1/incidents")).as("served at +%d s", t1).isNotEmpty();
            }
        }
    }

    /**
     * The map of a session starting at T1 is the picture at T1 and, played forward, the picture at every
     * instant after it: tracks with their trails, unit positions, alerts and incidents as the picture
     * folded from the log holds them (a session starting after T-2's last update still shows it until its
     * timeout; units are there before their next report).
     */
    @Test
    void aSessionStartingAtT1ShowsTheTracksAndUnitsOfThePictureAtT1AndAtEveryLaterInstant() throws Exception {
        LogPictures pictures = new LogPictures(log);
        kz.shekara.server.view.Viewer home = kz.shekara.server.view.Viewer.home("kz-bs");
        for (int t1 : new int[] {30, 90, 150, 270}) {
            ReplaySession s = session(new ReplayPeriod(at(t1), at(301), 10), true, Clock.systemUTC());
            Picture start = pictures.at(at(t1).minusNanos(1), LogPictures.DEFAULT_WINDOW);
            assertThat(s.live().tracks(home)).as("tracks at the start +%d s", t1).isEqualTo(start.tracks());
            assertThat(positions(s.live().units(home))).as("units at the start +%d s", t1)
                    .isEqualTo(positions(start.units())).isNotEmpty();
            for (int t = t1; t <= 300; t += 60) {
                assertThat(post(s, "/api/v1/replay/seek", "{\"at\":\"" + at(t) + "\"}").statusCode()).isEqualTo(200);
                Picture p = pictures.at(at(t), LogPictures.DEFAULT_WINDOW);
                assertThat(s.live().tracks(home)).as("tracks at +%d s from +%d s", t, t1).isEqualTo(p.tracks()).isNotEmpty();
                assertThat(positions(s.live().units(home))).as("units at +%d s from +%d s", t, t1)
                        .isEqualTo(positions(p.units()));
                assertThat(s.outputs().alerts()).as("alerts at +%d s from +%d s", t, t1)
                        .extracting(a -> a.alert().id() + " " + a.state().code())
                        .containsExactlyElementsOf(p.alerts().stream().map(a -> a.alert().id() + " " + a.state().code()).toList());
                assertThat(s.outputs().incidents()).as("incidents at +%d s from +%d s", t, t1)
                        .extracting(i -> i.id() + " " + i.status().code() + " " + i.unit())
                        .containsExactlyElementsOf(p.incidents().stream()
                                .map(i -> i.id() + " " + i.status().code() + " " + i.unit()).toList());
            }
        }
    }

    private static List<String> positions(List<kz.shekara.model.UnitPosition> units) {
        return units.stream().map(u -> u.unit() + " " + u.time() + " " + u.lat() + " " + u.lon()).toList();
    }

    @Test
    void seekingMovesThePictureBackAndForthAsAnUnbrokenPlayWouldShowIt() throws Exception {
        ReplaySession full = session(WHOLE_FAST, false, Clock.systemUTC());
        ended(full);
        ReplaySession s = session(new ReplayPeriod(at(0), at(301), 10), true, Clock.systemUTC());
        assertThat(post(s, "/api/v1/replay/seek", "{\"at\":\"2026-03-01T06:02:00Z\"}").statusCode()).isEqualTo(200);
        JsonNode state = json(s, "/api/v1/replay");
        assertThat(state.get("time").asText()).isEqualTo("2026-03-01T06:02:00Z");
        assertThat(state.get("paused").asBoolean()).isTrue();
        assertThat(json(s, "/api/v1/tracks").at("/features/0/properties/lat").asDouble()).isEqualTo(t1Lat(4));
        assertThat(json(s, "/api/v1/alerts").at("/0/state").asText()).isEqualTo("acknowledged");

        assertThat(post(s, "/api/v1/replay/seek", "{\"at\":\"2026-03-01T06:00:45Z\"}").statusCode()).isEqualTo(200);
        assertThat(json(s, "/api/v1/tracks").at("/features/0/properties/lat").asDouble()).isEqualTo(t1Lat(1));
        assertThat(json(s, "/api/v1/alerts")).isEmpty();
        assertThat(json(s, "/api/v1/incidents")).isEmpty();

        assertThat(post(s, "/api/v1/replay/seek", "{\"at\":\"2026-03-01T06:05:01Z\"}").statusCode()).isEqualTo(200);
        assertThat(picture(s)).isEqualTo(picture(full));
    }

    @Test
    void pacedReplayFollowsEventTimeTimesSpeedAndPausesAndResumes() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
        ReplaySession s = session(new ReplayPeriod(at(0), at(301), 10), false, clock);
        LogReplay r = s.replay();
        await("events at the period's start", () -> r.state().published() == loggedUpTo(at(0)));
        assertThat(r.state().time()).isEqualTo(at(0));
        clock.advance(Duration.ofSeconds(12));
        await("events up to +120 s", () -> r.state().published() == loggedUpTo(at(120)));
        assertThat(r.state().time()).isEqualTo(at(120));
        assertThat(post(s, "/api/v1/replay/pause", "").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(100));
        assertThat(r.state().time()).isEqualTo(at(120));
        assertThat(r.state().paused()).isTrue();
        assertThat(post(s, "/api/v1/replay/resume", "").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        await("events up to +180 s", () -> r.state().published() == loggedUpTo(at(180)));
        assertThat(r.state().time()).isEqualTo(at(180));
        assertThat(post(s, "/api/v1/replay/speed", "{\"speed\":0}").statusCode()).isEqualTo(200);
        ended(s);
        assertThat(r.state().published()).isEqualTo(wholeLog().size());
    }

    @Test
    void aReplaySessionNeverWritesToTheLogItReadsAndRefusesChanges() throws Exception {
        List<StoredEvent> before = wholeLog();
        long seq = log.latestSeq();
        ReplaySession s = session(WHOLE_FAST, false, Clock.systemUTC());
        ended(s);
        post(s, "/api/v1/replay/seek", "{\"at\":\"2026-03-01T06:01:00Z\"}");
        assertThat(post(s, "/api/v1/alerts/A-1/ack", "{\"by\":\"op-2\"}").statusCode()).isEqualTo(409);
        assertThat(post(s, "/api/v1/messages", "{\"text\":\"hello\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                + "/api/v1/incidents/INC-1/status")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"resolved\",\"by\":\"op-2\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(409);
        assertThat(status.body()).contains("replay-read-only");
        assertThat(post(s, "/api/v1/replay/seek", "{\"at\":\"2020-01-01T00:00:00Z\"}").statusCode()).isEqualTo(400);
        assertThat(post(s, "/api/v1/replay/seek", "{\"when\":\"2026-03-01T06:01:00Z\"}").statusCode()).isEqualTo(400);
        assertThat(post(s, "/api/v1/replay/speed", "{\"speed\":-1}").statusCode()).isEqualTo(400);
        s.close();
        assertThat(log.latestSeq()).isEqualTo(seq);
        assertThat(wholeLog()).isEqualTo(before);
    }
}
