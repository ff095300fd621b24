package kz.shekara.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import org.junit.jupiter.api.Test;

/**
 * Grouping through the open-incident indexes gives the incidents the rule states: the earliest-opened
 * open incident of the alert's track, else the earliest-opened open incident whose latest alert is
 * within the radius and window, else a new one. Checked against that rule written as a plain scan
 * over every incident, on thousands of random alerts with incidents closing as they go.
 */
class IncidentGroupingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Marking MARKING = new Marking(Classification.RESTRICTED, "border-guard", new TreeSet<>(), false);

    /** The rule as a scan over every incident in opening order. */
    private static final class Reference {
        record Open(String id, Set<String> tracks, double[] at, Instant[] lastAlert, boolean[] closed) {
        }

        final IncidentConfig config;
        final Map<String, Open> all = new LinkedHashMap<>();

        Reference(IncidentConfig config) {
            this.config = config;
        }

        String group(Alert a, String newId) {
            Open target = null;
            for (Open o : all.values()) {
                if (!o.closed()[0] && a.track() != null && o.tracks().contains(a.track())) {
                    target = o;
                    break;
                }
            }
            if (target == null) {
                for (Open o : all.values()) {
                    if (!o.closed()[0] && Duration.between(o.lastAlert()[0], a.time()).abs().compareTo(config.window()) <= 0
                            && Geodesy.distanceM(o.at()[0], o.at()[1], a.lat(), a.lon()) <= config.radiusM()) {
                        target = o;
                        break;
                    }
                }
            }
            if (target == null) {
                target = new Open(newId, new LinkedHashSet<>(), new double[2], new Instant[1], new boolean[1]);
                all.put(newId, target);
            }
            if (a.track() != null) {
                target.tracks().add(a.track());
            }
            target.at()[0] = a.lat();
            target.at()[1] = a.lon();
            target.lastAlert()[0] = a.time();
            return target.id();
        }
    }

    @Test
    void theIndexesGroupAsAScanOverEveryIncidentDoes() {
        IncidentConfig config = new IncidentConfig(3_000, Duration.ofMinutes(10));
        IncidentBook book = new IncidentBook(config);
        Reference reference = new Reference(config);
        Random random = new Random(42);
        List<String> open = new ArrayList<>();
        int joined = 0;
        for (int i = 0; i < 4_000; i++) {
            Instant time = T0.plusSeconds(i * 7L + random.nextInt(60));
            String track = random.nextInt(4) == 0 ? null : "T" + random.nextInt(300);
            // Clustered places over a 60 km square near 43° N, so some alerts fall near others and some do not.
            double lat = 43.0 + (random.nextInt(12) * 0.05) + random.nextGaussian() * 0.01;
            double lon = 68.0 + (random.nextInt(12) * 0.07) + random.nextGaussian() * 0.01;
            Alert a = new Alert(time, "AL-" + i, RuleKind.APPROACH, Severity.MEDIUM, "south", null, track, null, null,
                    lat, lon, new TreeSet<>(Set.of("radar-1")), "approach", MARKING);
            IncidentEvent e = book.onAlert(a).getFirst();
            String expected = reference.group(a, e.incident());
            assertThat(e.incident()).as("alert %d", i).isEqualTo(expected);
            if (e.change() == IncidentEvent.Change.OPENED) {
                open.add(e.incident());
            } else {
                joined++;
            }
            if (random.nextInt(5) == 0 && !open.isEmpty()) {
                String id = open.remove(random.nextInt(open.size()));
                book.change(id, random.nextBoolean() ? IncidentStatus.FALSE_ALARM : IncidentStatus.RESOLVED, null, "op",
                        null, Disposition.CONFIRMED, time);
                reference.all.get(id).closed()[0] = true;
            }
        }
        assertThat(joined).as("alerts that joined an incident").isBetween(500, 3_500);
        assertThat(open).hasSizeGreaterThan(10);
    }
}
