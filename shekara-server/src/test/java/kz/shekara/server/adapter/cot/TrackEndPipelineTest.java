package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.track.TrackerService;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/**
 * From detections to a TAK client's map, with the real live tracker, bus, live picture and CoT server
 * on a real socket: a walker seen for a while and then never again is a track while it is seen, and
 * once the tracker ends it the live picture drops it and the connected client is told to delete it.
 */
class TrackEndPipelineTest {
    private static final Instant T0 = Instant.parse("2026-03-14T06:00:00Z");

    @Test
    void aTrackTheTrackerEndsLeavesThePictureAndIsDeletedFromAConnectedTakClient() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Sector sector = theatre.sectors().getFirst();
        List<TrackUpdate> tracks = new CopyOnWriteArrayList<>();
        try (InMemoryBus bus = new InMemoryBus(2, 10_000)) {
            bus.subscribe(Topic.TRACKS, "test", tracks::add);
            LiveState live = new LiveState(bus, LiveStateConfig.defaults());
            live.start();
            TrackerService tracker = new TrackerService(TrackerConfig.DEFAULTS, bus, theatre, new SimpleMeterRegistry());
            tracker.start();
            CotServer cot = new CotServer(new CotServerConfig("127.0.0.1", 0, 0, 4096, 1000, Duration.ofMinutes(2), 50,
                    null), bus, theatre.defaultMarking(), new SimpleMeterRegistry(), Clock.fixed(T0, ZoneOffset.UTC));
            int port = cot.start();
            try (TakTestClient client = new TakTestClient(port)) {
                client.send(CotServerTest.ping("WATCHER"));
                assertThat(client.next().type()).isEqualTo("t-x-c-t-r");

                // The walker for 60 s, then only a mast camera 5 km away, for two more minutes.
                double[] far = Geodesy.destination(sector.originLat(), sector.originLon(), 90, 5_000);
                for (int s = 0; s <= 180; s += 2) {
                    if (s <= 60) {
                        double[] p = Geodesy.destination(sector.originLat(), sector.originLon(), 0, 1.5 * s);
                        bus.publish(Topic.OBSERVATIONS, "any", new Detection(T0.plusSeconds(s), "radar-w", SensorKind.RADAR,
                                p[0], p[1], 15, theatre.defaultMarking()));
                    }
                    bus.publish(Topic.OBSERVATIONS, "any", new Detection(T0.plusSeconds(s), "camera-e", SensorKind.CAMERA,
                            far[0], far[1], 15, theatre.defaultMarking()));
                }
                bus.drain();
                tracker.close();
                bus.drain();

                TrackUpdate end = tracks.stream().filter(u -> u.status() == TrackStatus.DELETED).findFirst().orElseThrow();
                assertThat(end.time()).isAfter(T0.plusSeconds(60));
                assertThat(tracks).filteredOn(u -> u.track().equals(end.track())).last().isEqualTo(end);
                assertThat(live.tracks(Viewer.home(theatre.defaultMarking().originator())))
                        .noneMatch(v -> v.latest().track().equals(end.track()))
                        .anyMatch(v -> v.latest().sensors().contains("camera-e"));

                String xml = client.xmlUpToType("t-x-d-d").getLast();
                CotEvent delete = new CotDecoder(1 << 20).decode(xml.getBytes(StandardCharsets.UTF_8));
                assertThat(delete.detail().links()).extracting(CotDetail.CotLink::uid).containsExactly(end.track());
                assertThat(delete.time()).isEqualTo(end.time());
                assertThat(xml).contains("<__forcedelete/>");
            } finally {
                cot.close();
                live.close();
            }
        }
    }
}
