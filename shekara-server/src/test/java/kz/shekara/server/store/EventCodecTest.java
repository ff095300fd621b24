package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.Marking;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();

    @Test
    void encodesEveryFixtureEventToTheSameBytesItWasReadFrom() {
        for (EventFixtures.Line line : EventFixtures.everyEventType()) {
            DomainEvent e = codec.decode(line.type(), line.eventJson());
            assertThat(codec.typeOf(e).tag()).isEqualTo(line.type());
            assertThat(codec.encode(e)).isEqualTo(line.eventJson());
            assertThat(codec.decode(line.type(), codec.encode(e))).isEqualTo(e);
        }
    }

    @Test
    void encodesToUtf8BytesExactlyAsTheTextEncodingEncoded() {
        List<DomainEvent> events = new java.util.ArrayList<>();
        for (EventFixtures.Line line : EventFixtures.everyEventType()) {
            events.add(codec.decode(line.type(), line.eventJson()));
        }
        Instant t = Instant.parse("2026-03-01T10:00:00.000000001Z");
        for (String text : List.of("Сейсмодатчик Тараз 1 — Қашаған", "\"q\" \\ \u0001 \n\t\u2028 東 😀", "lone \uD800 surrogate",
                "reversed \uDC00\uD800 pair", "")) {
            events.add(new kz.shekara.model.ChatMessage(t, "m", "A", text, "All", text, 43.25, 1e-7, EventFixtures.MARKING));
        }
        for (DomainEvent e : events) {
            assertThat(codec.encodeUtf8(e)).as(codec.encode(e)).isEqualTo(codec.encode(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void fixtureCoversEveryRegisteredType() {
        Set<String> inFixture = EventFixtures.everyEventType().stream().map(EventFixtures.Line::type).collect(Collectors.toSet());
        Set<String> registered = EventTypes.ALL.stream().map(EventType::tag).collect(Collectors.toSet());
        assertThat(inFixture).isEqualTo(registered);
    }

    @Test
    void readsAnAlertLoggedBeforeFactsWereKeptAndWritesItBackUnchanged() {
        EventFixtures.Line old = EventFixtures.everyEventType().stream().filter(l -> l.type().equals("alert"))
                .filter(l -> !l.eventJson().contains("\"facts\"")).findFirst().orElseThrow();
        Alert a = (Alert) codec.decode("alert", old.eventJson());
        assertThat(a.facts()).isNull();
        assertThat(a.detail()).isEqualTo("inbound");
        assertThat(codec.encode(a)).isEqualTo(old.eventJson()).doesNotContain("facts");
    }

    @Test
    void writesAControlChangeThatDoesNotSayWhomItWasMadeFromAsBeforeTransfersSaidIt() {
        EventFixtures.Line transfer = EventFixtures.everyEventType().stream()
                .filter(l -> l.type().equals("control-change")).filter(l -> l.eventJson().contains("\"from\""))
                .findFirst().orElseThrow();
        kz.shekara.model.ControlChange c = (kz.shekara.model.ControlChange) codec.decode("control-change",
                transfer.eventJson());
        assertThat(c.from()).isEqualTo("uz-03");
        kz.shekara.model.ControlChange old = new kz.shekara.model.ControlChange(c.time(), c.unit(), c.command(),
                c.by(), c.reason(), c.marking());
        assertThat(codec.encode(old)).isEqualTo(transfer.eventJson().replace("\"from\":\"uz-03\",", ""))
                .doesNotContain("from");
        assertThat(codec.decode("control-change", codec.encode(old))).isEqualTo(old);
    }

    @Test
    void everyKindOfFactsGoesThroughTheLogUnchanged() {
        AlertFacts.Place site = new AlertFacts.Place("site-kashagan", "Kashagan", Map.of("ru", "Кашаган", "kk", "Қашаған"));
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<AlertFacts> all = List.of(new AlertFacts.Crossing(true, site, true, t.minusMillis(1500)),
                new AlertFacts.InsideBuffer(site, 2000, 1900.5), new AlertFacts.PredictedApproach(site, 2000, Duration.ofSeconds(593)),
                new AlertFacts.Loitering(site, 200, Duration.ofMinutes(10), 1520), new AlertFacts.ClassSpeed(5.5, 4, TargetClass.WALKER),
                new AlertFacts.SiteClosing(site, 15, 19900, 10, null), new AlertFacts.SensorAlarm(SensorKind.FENCE, "F-3", null),
                new AlertFacts.SensorSilent(SensorKind.UGS, "U-1", t.minusSeconds(300), Duration.ofMinutes(1)),
                new AlertFacts.UnitEmergency("b-a-o-tbl", "BERKUT-1"), new AlertFacts.SectorVoid(site, 30_000),
                new AlertFacts.SensorAlarm(SensorKind.UGS, "Ground sensor Taraz 1", site,
                        Map.of("ru", "Сейсмодатчик Тараз 1", "kk", "Тараз жер датчигі 1")),
                new AlertFacts.SensorSilent(SensorKind.UGS, "Ground sensor Taraz 1", t, Duration.ofMinutes(1),
                        Map.of("ru", "Сейсмодатчик Тараз 1")));
        for (AlertFacts f : all) {
            Alert a = new Alert(t, "A-1", RuleKind.SPEED, Severity.HIGH, "s", null, "T-1", null, null, 43, 51, new TreeSet<>(),
                    "detail", EventFixtures.MARKING, f);
            String json = codec.encode(a);
            assertThat(codec.decode("alert", json)).as(json).isEqualTo(a);
            assertThat(codec.encode(codec.decode("alert", json))).isEqualTo(json);
            // A sensor the theatre names in one language only keeps the bytes it was logged with before names were kept.
            boolean named = f instanceof AlertFacts.SensorAlarm alarm ? !alarm.sensorNames().isEmpty()
                    : f instanceof AlertFacts.SensorSilent silent && !silent.sensorNames().isEmpty();
            assertThat(json.contains("sensorNames")).as(json).isEqualTo(named);
        }
    }

    @Test
    void fixtureCoversEveryTrackStatusIncludingTheLiveTrackersEnd() {
        Set<kz.shekara.model.TrackStatus> inFixture = EventFixtures.everyEventType().stream()
                .filter(l -> l.type().equals("track-update"))
                .map(l -> ((kz.shekara.model.TrackUpdate) codec.decode(l.type(), l.eventJson())).status())
                .collect(Collectors.toSet());
        assertThat(inFixture).containsExactlyInAnyOrder(kz.shekara.model.TrackStatus.values());
    }

    @Test
    void rejectsUnknownTagsFieldsAndUnregisteredTypes() {
        assertThatThrownBy(() -> codec.decode("no-such-type", "{}")).hasMessageContaining("unknown event type tag");
        String detection = EventFixtures.everyEventType().get(0).eventJson();
        assertThatThrownBy(() -> codec.decode("detection", detection.replace("\"sensor\"", "\"sensr\"")))
                .isInstanceOf(IllegalArgumentException.class);
        record Stray(Instant time, Marking marking) implements DomainEvent {
        }
        assertThatThrownBy(() -> codec.encode(new Stray(Instant.EPOCH, EventFixtures.MARKING)))
                .hasMessageContaining("not registered");
    }

    @Test
    void refusesToRegisterATagTwice() {
        assertThatThrownBy(() -> new EventCodec(List.of(EventTypes.ALL.get(0), EventTypes.ALL.get(0))))
                .hasMessageContaining("registered twice");
    }
}
