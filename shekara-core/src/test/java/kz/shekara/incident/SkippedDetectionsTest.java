package kz.shekara.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.Fixtures;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AlertDesk#changedBy}: skipping the detections it says change nothing (as the live service
 * does, without its lock) leaves every output the same, byte for byte, sensor-silent alerts included.
 */
class SkippedDetectionsTest {

    /** What a desk put out for a stream, and how many detections the filter passed by. */
    private record Run(String out, int skipped) {
    }

    private static Run feed(Theatre theatre, RulesConfig config, List<DomainEvent> inputs, boolean filter) {
        AlertDesk desk = new AlertDesk(theatre, config, IncidentConfig.defaults());
        Map<String, Instant> fedUpTo = new HashMap<>();
        StringBuilder out = new StringBuilder();
        int skipped = 0;
        for (DomainEvent e : inputs) {
            List<DomainEvent> raised = switch (e) {
                case TrackUpdate u -> desk.onTrack(u);
                case UnitPosition p -> desk.onUnit(p);
                case Detection d when filter && !desk.changedBy(d, fedUpTo.get(d.sensor())) -> {
                    skipped++;
                    yield List.of();
                }
                case Detection d -> {
                    fedUpTo.merge(d.sensor(), d.time(), (a, b) -> a.isAfter(b) ? a : b);
                    yield desk.onDetection(d);
                }
                default -> throw new IllegalStateException(e.toString());
            };
            raised.forEach(r -> out.append(r).append('\n'));
        }
        out.append(desk.alerts().list()).append('\n').append(desk.incidents().list()).append('\n')
                .append(desk.statistics());
        return new Run(out.toString(), skipped);
    }

    /**
     * Radar scans of 20 plots at one time, some plots arriving late, a camera that keeps event time
     * moving, ground-sensor and fence alarms repeated at one instant, two radar silences and, in the
     * first, a late plot from before it began.
     */
    private static List<DomainEvent> scans() {
        SplittableRandom random = new SplittableRandom(7);
        List<DomainEvent> out = new ArrayList<>();
        for (int t = 0; t <= 3600; t += 10) {
            boolean radarSilent = (t >= 1000 && t < 1500) || (t >= 2500 && t < 2900);
            if (!radarSilent) {
                for (int i = 0; i < 20; i++) {
                    out.add(plot(t, "radar-1", SensorKind.RADAR, 41.55 + random.nextDouble(-0.02, 0.02)));
                }
                if (random.nextDouble() < 0.3) {
                    out.add(plot(t - 10 * random.nextInt(1, 3), "radar-1", SensorKind.RADAR, 41.56));
                }
            }
            if (t == 1400) {
                out.add(plot(980, "radar-1", SensorKind.RADAR, 41.56)); // late, the silence alert already raised
            }
            out.add(plot(t, "cam-2", SensorKind.CAMERA, 41.52));
            if (t == 200 || t == 210 || t == 600 || t == 2000) {
                for (int i = 0; i < 3; i++) {
                    out.add(plot(t, "ugs-7", SensorKind.UGS, 41.51));
                }
            }
            if (t == 1200 || t == 1250) {
                out.add(plot(t, "fence-3", SensorKind.FENCE, 41.5018));
                out.add(plot(t - 5, "fence-3", SensorKind.FENCE, 41.5018));
            }
        }
        return out;
    }

    private static Detection plot(int second, String sensor, SensorKind kind, double lat) {
        double lon = switch (sensor) {
            case "radar-1" -> 69.3;
            case "cam-2" -> 69.4;
            case "fence-3" -> 69.371;
            default -> 69.2;
        };
        return new Detection(Fixtures.EPOCH.plusSeconds(second), sensor, kind, lat, lon, 10, Fixtures.MARKING);
    }

    @Test
    void skippingRepeatedPlotsChangesNoOutput() {
        Theatre theatre = Fixtures.theatre("repeats", Posture.NORMAL);
        List<DomainEvent> inputs = scans();
        Run all = feed(theatre, RulesConfig.defaults(), inputs, false);
        Run filtered = feed(theatre, RulesConfig.defaults(), inputs, true);

        assertThat(filtered.out()).isEqualTo(all.out());
        assertThat(filtered.skipped()).as("plots passed by").isGreaterThan(inputs.size() / 2);
        assertThat(all.out()).contains("rule=" + RuleKind.SENSOR_SILENT).contains("sensor=radar-1")
                .contains("rule=" + RuleKind.SENSOR_ALARM);
    }

    @Test
    void aLatePlotDoesNotRaiseTheSameSilenceAlertTwice() {
        AlertDesk desk = new AlertDesk(Fixtures.theatre("repeats", Posture.NORMAL), RulesConfig.defaults(),
                IncidentConfig.defaults());
        List<Alert> silences = new ArrayList<>();
        for (DomainEvent e : scans()) {
            desk.onDetection((Detection) e).stream().filter(Alert.class::isInstance).map(Alert.class::cast)
                    .filter(a -> a.rule() == RuleKind.SENSOR_SILENT && "radar-1".equals(a.sensor()))
                    .forEach(silences::add);
        }
        // one per silence (heard last at 990 and 2490, 300 s allowed), not again after the late plot of 980
        assertThat(silences).extracting(a -> a.time().getEpochSecond() - Fixtures.EPOCH.getEpochSecond())
                .containsExactly(1290L, 2790L);
        assertThat(silences).extracting(Alert::id).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"walker-crossing", "walker-along-line", "boat-approach", "loiterer", "fence-alarm",
            "silent-sensor", "units"})
    void skippingChangesNoOutputOfTheScenarios(String scenario) {
        Theatre theatre = Fixtures.theatre(scenario, Posture.NORMAL);
        List<DomainEvent> inputs = Fixtures.inputs(scenario);
        assertThat(feed(theatre, RulesConfig.defaults(), inputs, true).out())
                .isEqualTo(feed(theatre, RulesConfig.defaults(), inputs, false).out());
    }
}
