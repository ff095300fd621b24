package kz.shekara.server.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.TargetClass;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.ForwardingEventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;
import kz.shekara.sim.TrackingScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live tracker on the real in-memory bus and the default theatre. */
class TrackerServiceTest {

    @Test
    void consumesObservationsAndPublishesConfirmedTracksKeyedBySector() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<TrackUpdate> received = new CopyOnWriteArrayList<>();
        TrackingScenario.Data data = TrackingScenario.standard(5, Duration.ofSeconds(40), 4).generate();
        try (InMemoryBus bus = new InMemoryBus(2, 1024)) {
            bus.subscribe(Topic.TRACKS, "test", received::add);
            TrackerService service = new TrackerService(TrackerConfig.DEFAULTS, bus, theatre, registry);
            service.start();
            for (Detection d : data.detections()) {
                bus.publish(Topic.OBSERVATIONS, "any", d);
            }
            bus.drain();
            service.close();
            bus.drain();
        }
        assertThat(received).isNotEmpty();
        // Only confirmed tracks go out: confirmed, coasting, and live a last update with status DELETED when one ends.
        assertThat(received).extracting(TrackUpdate::status).isSubsetOf(TrackStatus.CONFIRMED, TrackStatus.COASTING,
                TrackStatus.DELETED).contains(TrackStatus.CONFIRMED);
        assertThat(received).allSatisfy(u -> {
            assertThat(u.sector()).isNotBlank();
            assertThat(theatre.sector(u.sector())).isPresent();
            assertThat(u.sensors()).isNotEmpty();
            assertThat(u.marking().exercise()).isTrue();
        });
        // Five movers; two-point initiation may start a second track on one for its last second while its
        // first coasts through a turn (the single-model configuration gives exactly five).
        assertThat(received.stream().map(TrackUpdate::track).distinct().count()).isBetween(5L, 6L);
        assertThat(registry.counter("shekara.tracker.detections").count()).isEqualTo(data.detections().size());
        assertThat(registry.counter("shekara.tracker.updates").count()).isEqualTo(received.size());
        assertThat(registry.counter("shekara.tracker.late").count()).isZero();
    }

    /**
     * A scan of a long-range radar in clutter changes hundreds of tracks of one sector at once: on the logged bus
     * they are stored in commits of at most {@link TrackerService#UPDATES_PER_PUBLISH} track updates, so that an
     * alarm published meanwhile waits for one of them at most, and they are all delivered, each sector's in order.
     */
    @Test
    void storesABurstOfOneSectorsTrackUpdatesInBoundedCommits(@TempDir Path dir) throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Instant t = Instant.parse("2026-03-01T02:00:00Z");
        List<TrackUpdate> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            out.add(update(theatre, t, "caspian-" + i, "caspian"));
        }
        for (int i = 0; i < 10; i++) {
            out.add(update(theatre, t, "kg-" + i, "kg-01"));
        }
        List<Integer> tracksPerCommit = new CopyOnWriteArrayList<>();
        List<TrackUpdate> received = new CopyOnWriteArrayList<>();
        StoreConfig config = StoreConfig.defaults();
        try (EventLog log = new ForwardingEventLog(EventLogs.open(null, dir, config)) {
            @Override
            public long append(List<LogEntry> entries) {
                tracksPerCommit.add((int) entries.stream().filter(e -> e.event() instanceof TrackUpdate).count());
                return super.append(entries);
            }
        }; LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, new SimpleMeterRegistry(), List.of())) {
            bus.start();
            bus.subscribe(Topic.TRACKS, "test", received::add);
            TrackerService.publishBySector(bus, out);
            bus.drain();
        }
        assertThat(tracksPerCommit).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(TrackerService.UPDATES_PER_PUBLISH));
        assertThat(tracksPerCommit.stream().mapToInt(Integer::intValue).sum()).isEqualTo(out.size());
        assertThat(received.stream().filter(u -> u.sector().equals("caspian")).toList()).isEqualTo(out.subList(0, 600));
        assertThat(received.stream().filter(u -> u.sector().equals("kg-01")).toList()).isEqualTo(out.subList(600, 610));
    }

    private static TrackUpdate update(Theatre theatre, Instant t, String track, String sector) {
        return new TrackUpdate(t, track, sector, 43.6, 51.2, 1, 1, 25, 0, 25, TrackStatus.CONFIRMED, TargetClass.UNKNOWN,
                new TreeSet<>(List.of("radar-coastal-aktau")), theatre.defaultMarking());
    }
}
