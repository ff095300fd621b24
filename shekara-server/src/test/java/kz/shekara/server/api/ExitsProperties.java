package kz.shekara.server.api;

import static kz.shekara.server.api.SharingHarness.HOME;
import static kz.shekara.server.api.SharingHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No exit leaks, and none holds back: for generated events (tracks, units, detections, chat, alerts,
 * incidents) with generated markings, releases, deployments (exercise or real) and readers of every
 * agency, what each REST exit and the partner feed return over real HTTP is exactly what an
 * independent statement of the rule allows — and for a partner with redactions, without sensor or
 * unit identities.
 */
class ExitsProperties {
    static final List<String> AGENCIES = List.of(HOME, "kz-mod", "kz-customs", "uz-bs", "xx-unknown");
    static final Map<String, Classification> CLEARANCE = Map.of(HOME, Classification.SECRET,
            "kz-mod", Classification.SECRET, "kz-customs", Classification.RESTRICTED,
            "uz-bs", Classification.RESTRICTED, "xx-unknown", Classification.UNCLASSIFIED);

    enum Kind { TRACK, UNIT, DETECTION, MESSAGE, ALERT, INCIDENT }

    /** One generated object: its kind, marking, and the agency it is released to (null: none). */
    record Gen(Kind kind, Marking marking, String releasedTo) {
    }

    @Provide
    Arbitrary<Marking> markings() {
        return Combinators.combine(Arbitraries.of(Classification.class), Arbitraries.of(AGENCIES.subList(0, 4)),
                Arbitraries.of(AGENCIES).set().ofMaxSize(3), Arbitraries.integers().between(0, 3))
                .as((c, o, rel, ex) -> {
                    Marking m = Marking.of(c, o, rel);
                    return ex == 0 ? m.asExercise() : m;
                });
    }

    @Provide
    Arbitrary<List<Gen>> worlds() {
        Arbitrary<String> released = Arbitraries.of(AGENCIES).injectNull(0.6);
        return Combinators.combine(Arbitraries.of(Kind.class), markings(), released).as(Gen::new).list().ofMinSize(1)
                .ofMaxSize(14);
    }

    @Property(tries = 40)
    void everyExitReturnsExactlyWhatTheReaderMaySee(@ForAll("worlds") List<Gen> world,
                                                   @ForAll("reader") String agency, @ForAll boolean exercise)
            throws Exception {
        try (SharingHarness h = new SharingHarness(exercise)) {
            for (int i = 0; i < world.size(); i++) {
                publish(h, i, world.get(i));
            }
            Set<String> expect = new TreeSet<>();
            for (int i = 0; i < world.size(); i++) {
                if (oracle(world.get(i), agency, exercise)) {
                    expect.add(key(world.get(i).kind(), lat(i)));
                }
            }
            Set<String> rest = new TreeSet<>();
            rest.addAll(coordinates(h.getJson("/api/v1/tracks", agency), Kind.TRACK));
            rest.addAll(coordinates(h.getJson("/api/v1/units", agency), Kind.UNIT));
            rest.addAll(coordinates(h.getJson("/api/v1/detections", agency), Kind.DETECTION));
            for (JsonNode m : h.getJson("/api/v1/messages", agency).path("messages")) {
                rest.add(key(Kind.MESSAGE, m.path("lat").asDouble()));
            }
            Set<String> restExpected = expect.stream().filter(k -> !k.startsWith("alert") && !k.startsWith("incident"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(rest).as("REST exits for %s", agency).isEqualTo(restExpected);

            if (!agency.equals("xx-unknown")) {
                JsonNode feed = h.getJson("/api/v1/feeds/" + agency, agency);
                Set<String> fed = new TreeSet<>();
                for (JsonNode f : feed.path("features")) {
                    fed.add(key(Kind.valueOf(f.at("/properties/type").asText().toUpperCase(Locale.ROOT)),
                            f.at("/geometry/coordinates/1").asDouble()));
                }
                Set<String> feedExpected = expect.stream().filter(k -> !k.startsWith("detection")
                        && !k.startsWith("message")).collect(Collectors.toCollection(TreeSet::new));
                assertThat(fed).as("feed of %s", agency).isEqualTo(feedExpected);
                if (agency.equals("uz-bs")) {
                    assertThat(feed.toString()).doesNotContain("radar-1").doesNotContain("DEV-");
                }
            }
            if (agency.equals("uz-bs")) {
                for (String path : List.of("/api/v1/tracks", "/api/v1/units", "/api/v1/detections", "/api/v1/sensors")) {
                    assertThat(h.get(path, agency).body()).as(path).doesNotContain("radar-1").doesNotContain("DEV-");
                }
            }
        }
    }

    /** The rule, stated independently of the code under test. */
    static boolean oracle(Gen g, String agency, boolean exercise) {
        Marking m = g.marking();
        if (m.exercise() && !exercise && !agency.equals(HOME)) {
            return false;
        }
        if (CLEARANCE.get(agency).compareTo(m.classification()) < 0) {
            return false;
        }
        boolean releasable = m.originator().equals(agency) || m.releasableTo().contains(agency);
        boolean released = agency.equals(g.releasedTo())
                && (g.kind() == Kind.TRACK || g.kind() == Kind.ALERT || g.kind() == Kind.INCIDENT);
        return releasable || released;
    }

    static void publish(SharingHarness h, int i, Gen g) throws InterruptedException {
        double lat = lat(i);
        Marking m = g.marking();
        String id = g.kind().name().charAt(0) + "-" + i;
        switch (g.kind()) {
            case TRACK -> h.publish(new TrackUpdate(T0.plusSeconds(i), id, "south-uz", lat, 69.3, 1, 2, 400, 50, 900,
                    TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), m));
            case UNIT -> h.publish(new UnitPosition(T0.plusSeconds(i), "DEV-" + i, "DEV-" + i, "a-f-G-U-C", lat, 69.3, 0,
                    0, UnitStatus.AVAILABLE, m));
            case DETECTION -> h.publish(new Detection(T0.plusSeconds(i), "radar-1", SensorKind.RADAR, lat, 69.3, 25, m));
            case MESSAGE -> h.publish(new ChatMessage(T0.plusSeconds(i), id, "ANDROID-7", "Kyran 2", "All Chat Rooms",
                    "text " + i, lat, 69.3, m));
            case ALERT -> h.publish(new Alert(T0.plusSeconds(i), id, RuleKind.SENSOR_ALARM, Severity.HIGH, "south-uz",
                    null, null, "radar-1", null, lat, 69.3, new TreeSet<>(List.of("radar-1")), "alarm at radar-1", m));
            case INCIDENT -> h.incidents.add(new Incident(id, IncidentStatus.OPEN, Severity.HIGH, "south-uz", lat, 69.3,
                    T0.plusSeconds(i), T0.plusSeconds(i), List.of(), new TreeSet<>(), null, null, List.of(), m));
        }
        if (g.releasedTo() != null && g.kind() != Kind.UNIT && g.kind() != Kind.DETECTION && g.kind() != Kind.MESSAGE) {
            Release.Kind k = Release.Kind.valueOf(g.kind().name());
            h.publish(new Release(T0.plusSeconds(i), k, id, g.releasedTo(), "test", "generated",
                    Marking.of(Classification.UNCLASSIFIED, HOME, List.of(g.releasedTo()))));
        }
    }

    static double lat(int i) {
        return 41.0 + i * 0.01;
    }

    static String key(Kind kind, double lat) {
        return kind.name().toLowerCase(Locale.ROOT) + String.format(Locale.ROOT, ":%.2f", lat);
    }

    private static List<String> coordinates(JsonNode collection, Kind kind) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : collection.path("features")) {
            // Theatre units standing at their base have not reported: no generated event.
            if (kind != Kind.UNIT || f.at("/properties/reported").asBoolean()) {
                out.add(key(kind, f.at("/geometry/coordinates/1").asDouble()));
            }
        }
        return out;
    }

    @Provide
    Arbitrary<String> reader() {
        return Arbitraries.of(AGENCIES);
    }
}
