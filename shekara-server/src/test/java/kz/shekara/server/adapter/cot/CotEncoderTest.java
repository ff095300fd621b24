package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import kz.shekara.server.adapter.DecodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CotEncoderTest {
    private final CotDecoder decoder = new CotDecoder(65_536);
    private final CotEncoder encoder = new CotEncoder();

    static Stream<String> valid() {
        return CotFixtures.valid();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void roundTripsFixtureThroughEncoder(String fixture) throws DecodeException {
        CotEvent decoded = decoder.decode(CotFixtures.bytes(fixture));
        byte[] encoded = encoder.encode(decoded);
        assertThat(decoder.decode(encoded)).isEqualTo(decoded);
        assertThat(encoder.encode(decoder.decode(encoded))).isEqualTo(encoded);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void encodesFixtureAsItsExpectedOutput(String fixture) throws DecodeException {
        String expectedName = fixture.replace(".xml", ".expected.xml");
        String expected = new String(CotFixtures.bytes(expectedName), StandardCharsets.UTF_8).strip();
        String actual = encoder.toXml(decoder.decode(CotFixtures.bytes(fixture)));
        assertThat(actual).isEqualTo(expected);
    }
}
