package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.adapter.DecodeException;
import org.junit.jupiter.api.Test;

class CotMappingTest {
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of("KZ-MOD"));
    private static final Instant T = Instant.parse("2026-03-14T06:30:00Z");

    private final CotDecoder decoder = new CotDecoder(65_536);
    private final CotEncoder encoder = new CotEncoder();
    private final CotMapping mapping = new CotMapping(Duration.ofMinutes(2), 50);

    @Test
    void friendlySaBecomesUnitPositionKeyedByUid() throws DecodeException {
        var p = (UnitPosition) mapping.toDomain(decoder.decode(CotFixtures.bytes("sa-atak.xml")), null, MARKING);
        assertThat(p.unit()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(p.callsign()).isEqualTo("SHYMKENT-P1");
        assertThat(p.cotType()).isEqualTo("a-f-G-U-C");
        assertThat(p.lat()).isEqualTo(42.316712);
        assertThat(p.courseDeg()).isEqualTo(134.5);
        assertThat(p.speedMps()).isEqualTo(1.8);
        assertThat(p.time()).isEqualTo(T);
        assertThat(p.marking()).isEqualTo(MARKING);
    }

    @Test
    void geoChatBecomesChatMessage() throws DecodeException {
        var m = (ChatMessage) mapping.toDomain(decoder.decode(CotFixtures.bytes("geochat-all.xml")), null, MARKING);
        assertThat(m.senderUid()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(m.senderCallsign()).isEqualTo("SHYMKENT-P1");
        assertThat(m.chatroom()).isEqualTo("All Chat Rooms");
        assertThat(m.id()).isEqualTo("5d1d5d4e-3b2a-4a7e-9f5a-4b1f2e0c7a11");
        assertThat(m.text()).startsWith("Two vehicles");
        assertThat(m.lat()).isEqualTo(42.316712);
    }

    @Test
    void hostileMarkerBecomesDetectionWithSenderAsSensorAndCeAsSigma() throws DecodeException {
        CotEvent e = decoder.decode(CotFixtures.bytes("marker-hostile.xml"));
        var d = (Detection) mapping.toDomain(e, "ANDROID-589520ccfcd20f01", MARKING);
        assertThat(d.sensor()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(d.kind()).isEqualTo(SensorKind.PATROL);
        assertThat(d.sigmaM()).isEqualTo(35.0);
        assertThat(d.marking().exercise()).as("opex=e marks the detection as exercise").isTrue();
        var unknownSender = (Detection) mapping.toDomain(e, null, MARKING);
        assertThat(unknownSender.sensor()).as("parent link names the device").isEqualTo("ANDROID-589520ccfcd20f01");
    }

    @Test
    void fixedSensorSaIsItsHeartbeatUnderItsUid() throws DecodeException {
        var h = (kz.shekara.model.SensorHeartbeat) mapping.toDomain(
                decoder.decode(CotFixtures.bytes("sensor-heartbeat.xml")), null, MARKING);
        assertThat(h.sensor()).isEqualTo("ugs-uz-01-1");
        assertThat(h.time()).isEqualTo(T);
        assertThat(h.marking()).isEqualTo(MARKING);
    }

    @Test
    void pingMapsToNothingAndChatWithoutTextIsRejected() throws DecodeException {
        assertThat(mapping.toDomain(decoder.decode(CotFixtures.bytes("ping.xml")), null, MARKING)).isNull();
        String noText = new String(CotFixtures.bytes("geochat-all.xml")).replaceAll("<remarks[^<]*</remarks>", "");
        CotEvent e = decoder.decode(noText.getBytes());
        assertThatThrownBy(() -> mapping.toDomain(e, null, MARKING))
                .satisfies(x -> assertThat(((DecodeException) x).reason()).isEqualTo("bad-chat"));
    }

    @Test
    void exerciseUnitGoesOutWithOpexAndExerciseRemarksStaleFromEventTime() throws DecodeException {
        UnitPosition heli = new UnitPosition(T, "HELI-1", "BERKUT-1", "a-f-A-M-H", 43.65, 51.2, 90, 60,
                UnitStatus.TASKED, MARKING.asExercise());
        CotEvent cot = mapping.toCot(heli);
        assertThat(cot.type()).isEqualTo("a-f-A-M-H");
        assertThat(cot.opex()).isEqualTo("e");
        assertThat(cot.detail().remarks()).isEqualTo("EXERCISE BERKUT-1 tasked");
        assertThat(cot.stale()).isEqualTo(T.plus(Duration.ofMinutes(2)));
        assertThat(decoder.decode(encoder.encode(cot))).isEqualTo(cot);
        var back = (UnitPosition) mapping.toDomain(cot, null, MARKING);
        assertThat(back.marking().exercise()).isTrue();
        assertThat(back.courseDeg()).isEqualTo(90);
    }

    @Test
    void detectionsAndTracksGoOutAsUnknownGroundOrSea() {
        Detection radar = new Detection(T, "radar-7", SensorKind.RADAR, 41.52, 69.01, 25, MARKING);
        CotEvent d = mapping.toCot(radar);
        assertThat(d.type()).isEqualTo("a-u-G");
        assertThat(d.ce()).isEqualTo(25);
        assertThat(d.opex()).isNull();
        assertThat(d.detail().remarks()).doesNotContain("EXERCISE");
        assertThat(mapping.toCot(new Detection(T, "ais-1", SensorKind.AIS, 43.1, 50.9, 10, MARKING)).type())
                .isEqualTo("a-u-S");
        TrackUpdate boat = new TrackUpdate(T, "T-42", "caspian", 43.0, 50.5, 0, 5, 100, 0, 100,
                TrackStatus.CONFIRMED, TargetClass.VESSEL, new TreeSet<>(Set.of("radar-1", "ais-1")), MARKING);
        CotEvent t = mapping.toCot(boat);
        assertThat(t.type()).isEqualTo("a-u-S");
        assertThat(t.detail().courseDeg()).isEqualTo(90.0);
        assertThat(t.detail().speedMps()).isEqualTo(5.0);
        assertThat(t.ce()).isEqualTo(10.0);
        assertThat(encoder.encode(mapping.toCot(boat))).isEqualTo(encoder.encode(t));
    }

    @Test
    void chatFromOperationsCentreRoundTrips() throws DecodeException {
        ChatMessage c = new ChatMessage(T, "m-1", "ops-centre", "OPS", "All Chat Rooms", "Stand by", Double.NaN,
                Double.NaN, MARKING);
        CotEvent cot = mapping.toCot(c);
        assertThat(cot.type()).isEqualTo("b-t-f");
        assertThat(mapping.toDomain(decoder.decode(encoder.encode(cot)), null, MARKING)).isEqualTo(c);
    }
}
