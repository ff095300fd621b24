package kz.shekara.server.adapter.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlatJsonReaderTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode jackson(String line) throws Exception {
        return JACKSON.readTree(line);
    }

    @Test
    void buildsTheTreeJacksonBuildsForPlainLines() throws Exception {
        List<String> lines = List.of(
                "{\"time\":0,\"sensor\":\"radar-1\",\"lat\":42.0161173,\"lon\":69.4723262,\"sigma_m\":10.0,\"kind\":\"radar\"}",
                "{\"time\": 12.5, \"sensor\": \"radar-7\", \"lat\": -41.52, \"lon\": 69.01, \"sigma_m\": 25}",
                " {\"time\" : \"2026-01-01T06:00:12.500Z\" ,\t\"sensor\":\"ugs-1\",\"heartbeat\":true}\r",
                "{\"a\":false,\"b\":null,\"c\":-0,\"d\":-0.0,\"e\":2147483647,\"f\":2147483648,\"g\":-2147483649}",
                "{\"time\":123456789012345678,\"x\":\"Ақтау ✓\",\"\":1}",
                "{}", "  { }  ");
        for (String line : lines) {
            ObjectNode fast = FlatJsonReader.read(line);
            assertThat(fast).as(line).isNotNull();
            assertThat(fast).as(line).isEqualTo(jackson(line));
            assertThat(fast.toString()).as(line).isEqualTo(jackson(line).toString());
        }
    }

    @Test
    void leavesEveryOtherShapeToJackson() {
        List<String> lines = List.of(
                "", "   ", "[1]", "\"x\"", "1", "{", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e3}", "{\"a\":1E-3}",
                "{\"a\":1.5.3}", "{\"a\":1234567890123456789}", "{\"a\":NaN}", "{\"a\":tru}", "{\"a\":truex}",
                "{\"a\":nul}", "{\"a\":\"x\\\"y\"}", "{\"a\":\"x\\u0041\"}", "{\"a\":\"tab\there\"}",
                "{\"a\":{\"b\":1}}", "{\"a\":[1,2]}", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{\"a\":1}{}",
                "{\"a\":1}\u00a0", "\ufeff{\"a\":1}", "{\"a\":\"unterminated}", "{\"a\":1 2}");
        for (String line : lines) {
            assertThat(FlatJsonReader.read(line)).as(line).isNull();
        }
    }

    @Test
    void agreesWithJacksonOnRandomPlainAndNearlyPlainLines() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        String[] pieces = {"{", "}", ",", ":", "\"time\"", "\"lat\"", "\"k\"", "\"v\"", "1", "-0", "0.5", "-12.25",
            "007", "1e2", "true", "false", "null", " ", "\"", "\\", "[", "]", "41.123456789012345", "99999999999"};
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder();
            if (i % 2 == 0) {
                line.append(String.format(Locale.ROOT, "{\"time\":%d,\"lat\":%s,\"s\":\"r-%d\"}", random.nextInt(),
                        random.nextDouble(-90, 90), random.nextInt(100)));
            }
            int n = random.nextInt(1, 12);
            for (int p = 0; p < n; p++) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = i % 4 == 0 ? line.substring(0, line.indexOf("}") + 1) : line.toString();
            ObjectNode fast = FlatJsonReader.read(s);
            if (fast != null) {
                plain++;
                assertThat(fast).as(s).isEqualTo(jackson(s));
            }
        }
        assertThat(plain).isGreaterThan(40_000);
    }
}
