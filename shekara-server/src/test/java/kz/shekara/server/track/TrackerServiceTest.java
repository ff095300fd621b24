package kz.shekara.server.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;
import kz.shekara.sim.TrackingScenario;
import org.junit.jupiter.api.Test;

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
        // Live, a track the tracker ends gets one last update with status DELETED (the defaults end tracks within 3 s).
        assertThat(received).extracting(TrackUpdate::status).contains(TrackStatus.CONFIRMED, TrackStatus.COASTING)
                .isSubsetOf(TrackStatus.CONFIRMED, TrackStatus.COASTING, TrackStatus.DELETED);
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
}
