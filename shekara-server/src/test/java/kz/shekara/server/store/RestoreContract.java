package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.alertdesk.DeskView;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.track.TrackerService;
import kz.shekara.server.track.TrackerView;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restart of the tracker and the alert desk from the log, on each store: a scenario runs through the
 * live pipeline (logged bus, tracker, rules, operator actions), stops, and a second run restores from
 * snapshots and the log after them; its state must equal a clean replay of the whole log and the
 * first run's books, and ids it hands out after the restart must not collide with logged ones.
 */
abstract class RestoreContract {
    static final Theatre THEATRE = defaultTheatre();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T06:00:00Z"), ZoneOffset.UTC);
    static final long SNAPSHOT_EVERY = 2_000;
    private final ObjectMapper json = EventCodec.standard().mapper();

    private static Theatre defaultTheatre() {
        try {
            return TheatreLoader.loadDefault();
        } catch (kz.shekara.server.theatre.TheatreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a new empty database for this test. */
    abstract void createDatabase() throws Exception;

    /** Opens (and migrates) this test's database: the same one on every call. */
    abstract EventLog openStore();

    @BeforeEach
    void newDatabase() throws Exception {
        createDatabase();
    }

    private Run run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    /** The tracker and rules over a logged bus, restored from the log as the server does at start. */
    static final class Run implements AutoCloseable {
        final EventLog log;
        final LoggedBus bus;
        final TrackerView trackerView = new TrackerView(TrackerConfig.DEFAULTS, THEATRE);
        final DeskView deskView = new DeskView();
        final Checkpointer checkpointer;
        final TrackerService tracker;
        final RulesService rules;
        final TrackerState restoredTracker;
        private boolean closed;

        Run(EventLog log) {
            this(log, SNAPSHOT_EVERY);
        }

        Run(EventLog log, long snapshotEvery) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            this.log = log;
            bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of());
            long restored = bus.start(List.of(trackerView, deskView));
            tracker = new TrackerService(TrackerConfig.DEFAULTS, bus, THEATRE, registry);
            restoredTracker = trackerView.state();
            tracker.restore(restoredTracker, restored);
            trackerView.follow(tracker);
            rules = new RulesService(RulesConfigLoader.forTheatre(null), bus, THEATRE, registry, CLOCK);
            deskView.events().forEach(rules::replay);
            checkpointer = new Checkpointer(log, List.of(trackerView, deskView), snapshotEvery,
                    Duration.ofMillis(20), registry);
            checkpointer.start(restored);
            tracker.start();
            rules.start();
        }

        void feed(Simulator sim, Duration span) throws InterruptedException {
            Instant end = sim.now().plus(span);
            while (sim.now().isBefore(end)) {
                for (SimEvent e : sim.advanceTo(sim.now().plusSeconds(10))) {
                    switch (e) {
                        case SimEvent.Observation o -> bus.publish(Topic.OBSERVATIONS, o.detection().sensor(), o.detection());
                        case SimEvent.UnitReport u -> bus.publish(Topic.UNIT_POSITIONS, u.position().unit(), u.position());
                        case SimEvent.Heartbeat h -> bus.publish(Topic.HEARTBEATS, h.heartbeat().sensor(), h.heartbeat());
                        case SimEvent.Truth t -> {
                        }
                    }
                }
            }
            bus.drain();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            rules.close();
            tracker.close();
            try {
                bus.drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpointer.close();
            bus.close();
            log.close();
        }
    }

    private String desk(RulesService r) throws Exception {
        return json.writeValueAsString(List.of(r.alerts(), r.incidents(), r.statistics(), new java.util.TreeMap<>(r.postures())));
    }

    private static List<StoredEvent> logged(EventLog log, long fromSeq, long toSeq) {
        try (Stream<StoredEvent> s = log.readAfter(fromSeq)) {
            return s.filter(e -> e.seq() <= toSeq).toList();
        }
    }

    @Test
    void restoredTrackerAndDeskEqualACleanReplayAndNewIdsNeverCollideWithLoggedOnes() throws Exception {
        Simulator sim = new Simulator(THEATRE, 7, Simulator.DEFAULT_START, ScenarioConfig.DEFAULT);
        run = new Run(openStore());
        run.feed(sim, Duration.ofMinutes(15));
        List<kz.shekara.incident.AlertBook.Entry> alerts = run.rules.alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
        // Operator actions, which live only in the log as their events.
        run.rules.acknowledge(alerts.get(0).id(), "op-1");
        run.rules.close(alerts.get(1).id(), "op-1", Disposition.CONFIRMED, "seen on camera");
        run.rules.changeIncident(run.rules.incidents().get(0).id(), IncidentStatus.ASSIGNED, "PATROL-7", "op-1", "",
                null);
        run.rules.setPosture(THEATRE.sectors().get(0).id(), Posture.HIGH, "cmdr", "exercise");
        run.feed(sim, Duration.ofMinutes(5));
        String liveDesk = desk(run.rules);
        System.out.println("first run logged " + run.log.latestSeq() + " events");
        run.close();
        long endOfFirst;
        try (EventLog log = openStore()) {
            endOfFirst = log.latestSeq();
            assertThat(log.latestSnapshot("tracker-v1")).get().satisfies(s -> assertThat(s.seq()).isBetween(1L, endOfFirst));
            assertThat(log.latestSnapshot("desk-v1")).isPresent();
        }

        run = new Run(openStore());
        // A clean replay of the whole log (snapshots ignored) on fresh views and services.
        TrackerView cleanTracker = new TrackerView(TrackerConfig.DEFAULTS, THEATRE);
        DeskView cleanDesk = new DeskView();
        assertThat(new Replayer(run.log).replayAll(List.of(cleanTracker, cleanDesk))).isEqualTo(endOfFirst);
        RulesService cleanRules = new RulesService(RulesConfigLoader.forTheatre(null), run.bus, THEATRE,
                new SimpleMeterRegistry(), CLOCK);
        cleanDesk.events().forEach(cleanRules::replay);

        assertThat(json.writeValueAsString(run.tracker.state())).isEqualTo(json.writeValueAsString(cleanTracker.state()));
        assertThat(run.restoredTracker.sectors()).anySatisfy(s -> assertThat(s.tracks()).isNotEmpty());
        assertThat(desk(run.rules)).isEqualTo(desk(cleanRules)).isEqualTo(liveDesk);
        assertThat(run.rules.postures()).containsEntry(THEATRE.sectors().get(0).id(), Posture.HIGH);

        // After the restart, new tracks, alerts and incidents get ids the log does not hold yet.
        run.feed(sim, Duration.ofMinutes(15));
        long endOfSecond = run.log.latestSeq();
        List<StoredEvent> first = logged(run.log, 0, endOfFirst);
        List<StoredEvent> second = logged(run.log, endOfFirst, endOfSecond);
        Set<String> liveAtRestart = run.restoredTracker.sectors().stream().flatMap(s -> s.tracks().stream())
                .map(TrackerState.TrackRecord::id).collect(Collectors.toSet());
        Set<String> firstTracks = ids(first, TrackUpdate.class, TrackUpdate::track);
        Set<String> secondTracks = ids(second, TrackUpdate.class, TrackUpdate::track);
        assertThat(secondTracks).isNotEmpty();
        assertThat(secondTracks.stream().filter(firstTracks::contains)).allMatch(liveAtRestart::contains);
        assertThat(secondTracks.stream().filter(id -> !firstTracks.contains(id))).isNotEmpty();
        Set<String> secondAlerts = ids(second, Alert.class, Alert::id);
        assertThat(secondAlerts).isNotEmpty().doesNotContainAnyElementsOf(ids(first, Alert.class, Alert::id));
        Set<String> opened = second.stream().map(StoredEvent::event).filter(IncidentEvent.class::isInstance)
                .map(IncidentEvent.class::cast).filter(e -> e.change() == IncidentEvent.Change.OPENED)
                .map(IncidentEvent::incident).collect(Collectors.toSet());
        assertThat(opened).doesNotContainAnyElementsOf(ids(first, IncidentEvent.class, IncidentEvent::incident));
    }

    @Test
    void theLiveTrackersCheckpointsAndSnapshotEqualACleanReplayUpToTheirSeqWithConcurrentFeeds() throws Exception {
        Simulator sim = new Simulator(THEATRE, 11, Simulator.DEFAULT_START, ScenarioConfig.DEFAULT);
        run = new Run(openStore());
        List<Thread> threads = publishInFourFeeds(sim);
        List<TrackerService.Checkpoint> taken = new ArrayList<>();
        while (threads.stream().anyMatch(Thread::isAlive)) {
            run.tracker.checkpoint().ifPresent(taken::add);
            Thread.sleep(15);
        }
        for (Thread t : threads) {
            t.join();
        }
        run.bus.drain();
        run.tracker.checkpoint().ifPresent(taken::add);
        assertThat(taken.stream().map(TrackerService.Checkpoint::seq).distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(taken.getLast().state().sectors()).anySatisfy(s -> assertThat(s.tracks()).isNotEmpty());
        for (TrackerService.Checkpoint c : taken) {
            assertThat(json.writeValueAsString(c.state())).as("checkpoint at seq %d", c.seq())
                    .isEqualTo(trackerOf(replayedUpTo(run.log, c.seq()).snapshot()));
        }
        long last = taken.getLast().seq();
        run.close();
        try (EventLog log = openStore()) {
            Snapshot saved = log.latestSnapshot("tracker-v1").orElseThrow();
            assertThat(saved.seq()).isEqualTo(last); // taken at close, before the flush
            assertThat(trackerOf(saved.state())).isEqualTo(trackerOf(replayedUpTo(log, saved.seq()).snapshot()));
            // Restored from it and given the log after it (the flush at close included), as a restart does.
            TrackerView restored = new TrackerView(TrackerConfig.DEFAULTS, THEATRE);
            restored.restore(saved.state());
            logged(log, saved.seq(), log.latestSeq()).forEach(restored::apply);
            assertThat(json.writeValueAsString(restored.state()))
                    .isEqualTo(json.writeValueAsString(replayedUpTo(log, log.latestSeq()).state()));
        }
    }

    @Test
    void aSnapshotSavedWhileDetectionsStraddleItRestartsToACleanReplay() throws Exception {
        Simulator sim = new Simulator(THEATRE, 13, Simulator.DEFAULT_START, ScenarioConfig.DEFAULT);
        run = new Run(openStore(), 300);
        List<Thread> threads = publishInFourFeeds(sim);
        // The background checkpointer saves snapshots while the feeds go on: collect them as they come.
        Map<Long, Snapshot> saved = new TreeMap<>();
        Set<Long> deskSeqs = new TreeSet<>();
        while (threads.stream().anyMatch(Thread::isAlive)) {
            run.log.latestSnapshot("tracker-v1").ifPresent(s -> saved.putIfAbsent(s.seq(), s));
            run.log.latestSnapshot("desk-v1").ifPresent(s -> deskSeqs.add(s.seq()));
            Thread.sleep(10);
        }
        for (Thread t : threads) {
            t.join();
        }
        run.bus.drain();
        long lastDetection = logged(run.log, 0, run.log.latestSeq()).stream()
                .filter(e -> e.event() instanceof Detection).mapToLong(StoredEvent::seq).max().orElseThrow();
        List<Snapshot> midStream = saved.values().stream().filter(s -> s.seq() < lastDetection).toList();
        assertThat(midStream).as("snapshots saved while detections were still coming").hasSizeGreaterThanOrEqualTo(2);
        // Taken at the live tracker's own seq, not at the checkpointer's (where the desk's was taken).
        assertThat(midStream).anySatisfy(s -> assertThat(deskSeqs).doesNotContain(s.seq()));
        run.close();
        try (EventLog log = openStore()) {
            // The clean stop saved every view, though the tracker's seq may not have moved since its last snapshot.
            assertThat(log.latestSnapshot("desk-v1").map(Snapshot::seq)).contains(log.latestSeq());
            String clean = json.writeValueAsString(replayedUpTo(log, log.latestSeq()).state());
            for (Snapshot s : midStream) {
                // The state saved is exactly the log's up to its seq: every detection up to it taken, none after.
                assertThat(trackerOf(s.state())).as("snapshot at seq %d", s.seq())
                        .isEqualTo(trackerOf(replayedUpTo(log, s.seq()).snapshot()));
                // A restart from it (restore, then the log after it) equals a clean replay of the whole log.
                TrackerView restarted = new TrackerView(TrackerConfig.DEFAULTS, THEATRE);
                restarted.restore(s.state());
                logged(log, s.seq(), log.latestSeq()).forEach(restarted::apply);
                assertThat(json.writeValueAsString(restarted.state())).as("restart from seq %d", s.seq())
                        .isEqualTo(clean);
            }
        }
    }

    /**
     * Starts four feeds that publish the observations of 12 minutes of the scenario at once (each
     * sensor's on one feed), so the order of delivery is not the order of publishing; returns their threads.
     */
    private List<Thread> publishInFourFeeds(Simulator sim) {
        List<List<Detection>> feeds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (SimEvent e : sim.advanceTo(sim.now().plus(Duration.ofMinutes(12)))) {
            if (e instanceof SimEvent.Observation o) {
                feeds.get(Math.floorMod(o.detection().sensor().hashCode(), feeds.size())).add(o.detection());
            }
        }
        return feeds.stream().map(f -> Thread.ofPlatform().start(() -> f.forEach(
                d -> run.bus.publish(Topic.OBSERVATIONS, d.sensor(), d)))).toList();
    }

    /** The tracker's own state in a tracker-v1 snapshot (without the logged id high-water marks). */
    private String trackerOf(byte[] snapshot) throws IOException {
        return json.writeValueAsString(json.readTree(snapshot).get("tracker"));
    }

    /** A fresh tracker view given every logged event up to and including {@code seq}. */
    private static TrackerView replayedUpTo(EventLog log, long seq) {
        TrackerView view = new TrackerView(TrackerConfig.DEFAULTS, THEATRE);
        logged(log, 0, seq).forEach(view::apply);
        return view;
    }

    private static <T> Set<String> ids(List<StoredEvent> events, Class<T> type, java.util.function.Function<T, String> id) {
        return events.stream().map(StoredEvent::event).filter(type::isInstance).map(type::cast).map(id)
                .collect(Collectors.toSet());
    }
}
