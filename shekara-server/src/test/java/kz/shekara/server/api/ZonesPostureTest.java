package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/zones} serves the posture in force and the buffers as that posture scales them. */
class ZonesPostureTest {

    @Test
    void zonesFollowAPostureChange() throws Exception {
        try (WebHarness web = new WebHarness(FixtureTheatre.create(), Clock.systemUTC(), true)) {
            JsonNode before = feature(web.getJson("/api/v1/zones?kind=crossing-point"), "cp-zhibek-zholy");
            String was = before.at("/properties/posture").asText();
            // The fixture's sector starts elevated: its buffers are already widened.
            assertThat(was).isEqualTo("elevated");
            assertThat(before.at("/properties/bufferM").asDouble())
                    .isEqualTo(500 * web.rules.bufferFactor(Posture.ELEVATED));

            web.rules.setPosture("south-uz", Posture.HIGH, "commander", "drill");
            JsonNode after = feature(web.getJson("/api/v1/zones?kind=crossing-point"), "cp-zhibek-zholy");
            double factor = web.rules.bufferFactor(Posture.HIGH);
            assertThat(after.at("/properties/posture").asText()).isEqualTo("high").isNotEqualTo(was);
            assertThat(after.at("/properties/bufferM").asDouble()).isEqualTo(500 * factor);
            assertThat(after.at("/properties/baseBufferM").asDouble()).isEqualTo(500);
            // The buffer area reaches the scaled distance north of the point (41.48° N).
            double north = 0;
            for (JsonNode c : after.at("/properties/buffer/coordinates/0")) {
                north = Math.max(north, c.get(1).asDouble());
            }
            assertThat(north).isCloseTo(41.48 + 500 * factor / 111_000.0, org.assertj.core.data.Offset.offset(0.0005));
        }
    }

    private static JsonNode feature(JsonNode collection, String id) {
        for (JsonNode f : collection.get("features")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id);
    }
}
