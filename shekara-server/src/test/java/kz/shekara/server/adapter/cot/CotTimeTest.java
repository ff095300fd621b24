package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CotTimeTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-14T06:30:00Z", "2026-03-14T06:30:00.5Z", "2026-03-14T06:30:00.250Z",
        "2026-03-14T06:30:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
        "2026-03-14T11:30:00+05:00", "2026-03-14T06:30:00.000+00:00"})
    void readsTheSameInstantAsTheJdk(String text) {
        assertThat(CotTime.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-14T06:30:00Z", "2026-02-30T06:30:00Z", "2026-03-14T24:30:00Z",
        "2026-03-14 06:30:00Z", "2026-03-14T06:30:00", "yesterday",
        "2026-03-14T06:30:00.1234567890Z"})
    void rejectsWhatIsNotAnInstant(String text) {
        assertThatThrownBy(() -> CotTime.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
