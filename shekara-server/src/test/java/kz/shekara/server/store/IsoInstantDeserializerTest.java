package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantDeserializerTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.250Z",
        "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z",
        "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "2026-03-01T10:00:00.123456Z",
        "2026-03-01T24:00:00Z", "2026-03-01T10:00:00.Z"})
    void readsWhatInstantParseReads(String s) {
        assertThat(IsoInstantDeserializer.parse(s)).isEqualTo(Instant.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-03-01T10:60:00Z",
        "2026-13-01T10:00:00Z", "2026-03-01T10:00:00", "2026-03-01 10:00:00Z",
        "2026-03-01T10:00:0xZ", "2026-03-01T10:00:00.1234567890Z"})
    void rejectsWhatInstantParseRejects(String s) {
        assertThatThrownBy(() -> Instant.parse(s)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoInstantDeserializer.parse(s)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void decodesEventTimesThroughTheCodec() {
        String json = EventFixtures.everyEventType().get(5).eventJson();
        assertThat(EventCodec.standard().decode("track-update", json).time())
                .isEqualTo(Instant.parse("2026-03-01T10:00:02.123456789Z"));
    }
}
