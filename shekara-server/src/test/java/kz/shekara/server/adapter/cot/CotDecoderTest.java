package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import kz.shekara.server.adapter.DecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CotDecoderTest {
    private final CotDecoder decoder = new CotDecoder(65_536);

    static Stream<String> rejected() {
        return CotFixtures.rejected();
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsFixtureWithTheReasonInItsName(String fixture) {
        assertThatThrownBy(() -> decoder.decode(CotFixtures.bytes(fixture)))
                .isInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(CotFixtures.reasonOf(fixture)));
    }

    @Test
    void decodesAtakSituationalAwareness() throws DecodeException {
        CotEvent e = decoder.decode(CotFixtures.bytes("sa-atak.xml"));
        assertThat(e.uid()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(e.type()).isEqualTo("a-f-G-U-C");
        assertThat(e.how()).isEqualTo("h-e");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-14T06:30:00Z"));
        assertThat(e.stale()).isEqualTo(Instant.parse("2026-03-14T06:36:00Z"));
        assertThat(e.lat()).isEqualTo(42.316712);
        assertThat(e.lon()).isEqualTo(69.596234);
        assertThat(e.hae()).isEqualTo(412.7);
        assertThat(e.ce()).isEqualTo(9.9);
        assertThat(e.le()).isEqualTo(CotEvent.UNKNOWN);
        assertThat(e.opex()).isNull();
        CotDetail d = e.detail();
        assertThat(d.callsign()).isEqualTo("SHYMKENT-P1");
        assertThat(d.endpoint()).isEqualTo("*:-1:stcp");
        assertThat(d.groupName()).isEqualTo("Cyan");
        assertThat(d.groupRole()).isEqualTo("Team Lead");
        assertThat(d.battery()).isEqualTo(87);
        assertThat(d.courseDeg()).isEqualTo(134.5);
        assertThat(d.speedMps()).isEqualTo(1.8);
        assertThat(d.hasDestinations()).isFalse();
    }

    @Test
    void decodesGeoChatWithEscapedText() throws DecodeException {
        CotEvent e = decoder.decode(CotFixtures.bytes("geochat-all.xml"));
        CotDetail d = e.detail();
        assertThat(d.remarks()).isEqualTo("Two vehicles on the track north of post 14 & heading east");
        assertThat(d.remarksTo()).isEqualTo("All Chat Rooms");
        assertThat(d.chat().chatroom()).isEqualTo("All Chat Rooms");
        assertThat(d.chat().senderCallsign()).isEqualTo("SHYMKENT-P1");
        assertThat(d.chat().uid0()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(d.parentUid()).isEqualTo("ANDROID-589520ccfcd20f01");
    }

    @Test
    void readsMartiDestinationsAndOpex() throws DecodeException {
        assertThat(decoder.decode(CotFixtures.bytes("chat-direct-dest.xml")).detail().destCallsigns())
                .containsExactly("SARYAGASH-P2");
        CotEvent marker = decoder.decode(CotFixtures.bytes("marker-hostile.xml"));
        assertThat(marker.opex()).isEqualTo("e");
        assertThat(marker.isExercise()).isTrue();
        assertThat(decoder.decode(CotFixtures.bytes("takp-query.xml")).detail().takRequestVersion()).isEqualTo("1");
    }

    @Test
    void rejectsEventOverTheSizeLimit() {
        CotDecoder small = new CotDecoder(300);
        byte[] sa = CotFixtures.bytes("sa-atak.xml");
        assertThatThrownBy(() -> small.decode(sa))
                .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo("oversized"));
    }

    @Test
    void neverResolvesExternalEntities() {
        String xxe = new String(CotFixtures.bytes("reject-dtd-forbidden__xxe.xml"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class)
                .hasMessageNotContaining("root:");
    }
}
