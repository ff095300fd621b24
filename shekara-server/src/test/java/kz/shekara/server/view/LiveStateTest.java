package kz.shekara.server.view;

import kz.shekara.server.config.LiveStateConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveStateTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Marking M = Marking.of(Classification.RESTRICTED, "kz-bg", List.of());
    private static final Viewer HOME = Viewer.home("kz-bg");

    private final InMemoryBus bus = new InMemoryBus(2, 256);
    private final LiveState live = new LiveState(bus,
            new LiveStateConfig(Duration.ofMinutes(1), 5, 3, Duration.ofSeconds(60), 3));

    @AfterEach
    void close() {
        live.close();
        bus.close();
    }

    private static Instant at(int s) {
        return T0.plusSeconds(s);
    }

    private static Detection det(int s) {
        return new Detection(at(s), "radar-1", SensorKind.RADAR, 41.5, 69.0 + s * 1e-4, 25, M);
    }

    private static TrackUpdate track(String id, int s) {
        return new TrackUpdate(at(s), id, "south", 41.5 + s * 1e-3, 69.0, 1, 0, 100, 0, 100, TrackStatus.CONFIRMED,
                TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), M);
    }

    private static UnitPosition pos(String unit, int s, double lat) {
        return new UnitPosition(at(s), unit, unit, "a-f-G-U-C", lat, 69.0, Double.NaN, Double.NaN,
                UnitStatus.AVAILABLE, M);
    }

    private static ChatMessage chat(String id, int s) {
        return new ChatMessage(at(s), id, "uid", "cs", "All Chat Rooms", "text " + id, Double.NaN, Double.NaN, M);
    }

    @Test
    void keepsFromTheBusTheLatestPositionOfEveryUnit() throws Exception {
        live.start();
        bus.publish(Topic.UNIT_POSITIONS, "HELI-1", pos("HELI-1", 10, 43.0));
        bus.publish(Topic.UNIT_POSITIONS, "ANDROID-1", pos("ANDROID-1", 11, 41.0));
        bus.publish(Topic.UNIT_POSITIONS, "HELI-1", pos("HELI-1", 20, 43.5));
        bus.drain();
        // (Drained first: while queued on the bus, a later-published position supersedes an earlier one.)
        bus.publish(Topic.UNIT_POSITIONS, "HELI-1", pos("HELI-1", 15, 42.0));
        bus.drain();
        assertThat(live.units(HOME)).extracting(UnitPosition::unit).containsExactly("ANDROID-1", "HELI-1");
        assertThat(live.unit(HOME, "HELI-1").orElseThrow().lat()).isEqualTo(43.5);
        assertThat(live.latestEventTime()).contains(at(20));
        assertThat(live.eventCount()).isBetween(3L, 4L); // the first HELI-1 report may be superseded on the bus
    }

    @Test
    void detectionsAreKeptByEventTimeWindowAndCountInOrder() {
        live.accept(det(0));
        live.accept(det(30));
        live.accept(det(10)); // late: goes into its place by event time
        assertThat(live.detections(HOME, null)).extracting(Detection::time).containsExactly(at(0), at(10), at(30));
        assertThat(live.detections(HOME, at(10))).extracting(Detection::time).containsExactly(at(30));

        live.accept(det(65)); // the window is one minute behind the newest event: 0 goes
        assertThat(live.detections(HOME, null)).extracting(Detection::time).containsExactly(at(10), at(30), at(65));

        for (int s = 66; s < 70; s++) {
            live.accept(det(s));
        }
        assertThat(live.detections(HOME, null)).hasSize(5).extracting(Detection::time).startsWith(at(65));
    }

    @Test
    void keepsTheLastMessagesOldestFirst() {
        live.accept(chat("a", 1));
        live.accept(chat("b", 2));
        live.accept(chat("c", 3));
        live.accept(chat("d", 4));
        assertThat(live.messages(HOME)).extracting(ChatMessage::id).containsExactly("b", "c", "d");
    }

    @Test
    void tracksKeepAShortTrailAndAreDroppedWhenSilentInEventTime() {
        for (int s = 0; s <= 40; s += 10) {
            live.accept(track("T-1", s));
        }
        live.accept(track("T-2", 40));
        TrackView t1 = live.tracks(HOME).getFirst();
        assertThat(t1.latest().time()).isEqualTo(at(40));
        assertThat(t1.trail()).hasSize(3);
        assertThat(t1.trail().getLast().lat()).isEqualTo(t1.latest().lat());

        live.accept(track("T-2", 90)); // T-1 silent for 50 s: kept
        assertThat(live.tracks(HOME)).extracting(v -> v.latest().track()).containsExactly("T-1", "T-2");
        live.accept(track("T-2", 110)); // T-1 silent for 70 s > 60 s: dropped
        assertThat(live.tracks(HOME)).extracting(v -> v.latest().track()).containsExactly("T-2");
    }

    @Test
    void aDeletedUpdateTakesTheTrackOutAtOnceAndALateOlderUpdateDoesNotBringItBack() {
        live.accept(track("T-1", 0));
        live.accept(track("T-1", 10));
        live.accept(track("T-2", 10));
        live.accept(ended("T-1", 20));
        assertThat(live.tracks(HOME)).extracting(v -> v.latest().track()).containsExactly("T-2");

        List<DomainEvent> told = new CopyOnWriteArrayList<>();
        live.listen(told::add);
        live.accept(track("T-1", 15)); // a late update from before the end (another partition ran behind)
        live.accept(track("T-1", 20));
        assertThat(live.tracks(HOME)).extracting(v -> v.latest().track()).containsExactly("T-2");
        assertThat(told).as("the live feed is not told of what the picture ignored").isEmpty();

        // Once the end is older than the track timeout it is forgotten; a new track under that id shows.
        live.accept(track("T-2", 100));
        live.accept(track("T-1", 101));
        assertThat(live.tracks(HOME)).extracting(v -> v.latest().track()).containsExactly("T-1", "T-2");
        assertThat(live.tracks(HOME).getFirst().trail()).hasSize(1);
    }

    private static TrackUpdate ended(String id, int s) {
        TrackUpdate u = track(id, s);
        return new TrackUpdate(u.time(), id, u.sector(), u.lat(), u.lon(), u.vnMps(), u.veMps(), u.covEE(), u.covEN(),
                u.covNN(), TrackStatus.DELETED, u.targetClass(), u.sensors(), u.marking());
    }

    @Test
    void snapshotsAreImmutableAndListenersSeeAppliedEvents() throws Exception {
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        List<Integer> unitsWhenTold = new CopyOnWriteArrayList<>();
        AutoCloseable handle = live.listen(e -> {
            seen.add(e);
            unitsWhenTold.add(live.units(HOME).size());
        });
        live.accept(pos("U-1", 1, 41));
        List<UnitPosition> snap = live.units(HOME);
        assertThatThrownBy(() -> snap.add(pos("U-2", 2, 41))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(unitsWhenTold).containsExactly(1);
        handle.close();
        live.accept(pos("U-2", 2, 41));
        assertThat(seen).hasSize(1);
    }

    @Test
    void sameEventsGiveSamePicture() {
        LiveState other = new LiveState(bus, new LiveStateConfig(Duration.ofMinutes(1), 5, 3, Duration.ofSeconds(60), 3));
        for (LiveState l : List.of(live, other)) {
            for (int s = 0; s < 50; s += 5) {
                l.accept(det(s));
                l.accept(track("T-" + (s % 3), s));
                l.accept(pos("U-" + (s % 2), s, 41 + s * 1e-3));
            }
        }
        assertThat(other.detections(HOME, null)).isEqualTo(live.detections(HOME, null));
        assertThat(other.tracks(HOME)).isEqualTo(live.tracks(HOME));
        assertThat(other.units(HOME)).isEqualTo(live.units(HOME));
    }

    @Test
    void refusesInvalidBounds() {
        assertThatThrownBy(() -> new LiveStateConfig(Duration.ZERO, 5, 3, Duration.ofSeconds(60), 3))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> new LiveStateConfig(Duration.ofMinutes(1), 0, 3, Duration.ofSeconds(60), 3))
                .hasMessageContaining("maxDetections");
    }
}
