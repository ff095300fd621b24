package kz.shekara.server.alertdesk;

import kz.shekara.server.config.RulesSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.incident.AlertDesk;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/** The live rules on the bus put out what the desk fed every input does, while passing repeated plots by. */
class RulesServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    @Test
    void passesRepeatedPlotsByAndPublishesWhatTheDeskFedEveryPlotRaises() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        List<Sensor> radars = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).limit(2).toList();
        Sensor fence = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.FENCE).findFirst().orElseThrow();
        List<Detection> inputs = new ArrayList<>();
        for (int t = 0; t <= 700; t += 2) {
            for (Sensor r : radars) {
                if (r == radars.get(0) && t > 100 && t < 600) {
                    continue; // the first radar falls silent for longer than its period allows
                }
                for (int i = 0; i < 8; i++) {
                    inputs.add(plot(theatre, r, T0.plusSeconds(t - (i == 7 ? 2 : 0)), 0.001 * i));
                }
            }
            if (t == 50 || t == 52 || t == 400) {
                inputs.add(plot(theatre, fence, T0.plusSeconds(t), 0));
                inputs.add(plot(theatre, fence, T0.plusSeconds(t), 0));
            }
        }
        AlertDesk desk = new AlertDesk(theatre, RulesSettings.defaults().rules(), RulesSettings.defaults().incidents());
        List<String> expected = new ArrayList<>();
        for (Detection d : inputs) {
            for (DomainEvent e : desk.onDetection(d)) {
                if (e instanceof Alert || e instanceof IncidentEvent) {
                    expected.add(e.toString());
                }
            }
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<String> published = new CopyOnWriteArrayList<>();
        try (InMemoryBus bus = new InMemoryBus(1, 1 << 16)) {
            bus.subscribe(Topic.ALERTS, "test", a -> published.add(a.toString()));
            RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, meters,
                    Clock.fixed(T0, ZoneOffset.UTC));
            rules.start();
            List<String> incidents = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.INCIDENTS, "test", i -> incidents.add(i.toString()));
            for (Detection d : inputs) {
                if (d.kind().isAlarm()) {
                    bus.drain(); // an alarm overtakes queued plots: keep the desk's input order
                }
                bus.publish(Topic.OBSERVATIONS, d.sensor(), d);
                if (d.kind().isAlarm()) {
                    bus.drain();
                }
            }
            bus.drain();
            rules.close();
            assertThat(published).isEqualTo(expected.stream().filter(s -> s.startsWith("Alert[")).toList());
            assertThat(incidents).isEqualTo(expected.stream().filter(s -> s.startsWith("IncidentEvent[")).toList());
        }
        assertThat(published).anyMatch(a -> a.contains("rule=" + RuleKind.SENSOR_SILENT)
                && a.contains("sensor=" + radars.get(0).id() + ","));
        assertThat(published).filteredOn(a -> a.contains("rule=" + RuleKind.SENSOR_ALARM)).hasSize(2);
        double skipped = meters.counter("shekara.rules.skipped").count();
        double evaluated = meters.timer("shekara.rules.evaluation").count();
        assertThat(skipped + evaluated).isEqualTo(inputs.size());
        assertThat(skipped).as("repeated plots passed by").isGreaterThan(0.8 * inputs.size());
    }

    private static Detection plot(Theatre theatre, Sensor s, Instant time, double offsetDeg) {
        return new Detection(time, s.id(), s.kind(), s.lat() + offsetDeg, s.lon(), s.sigmaM(), theatre.defaultMarking());
    }
}
