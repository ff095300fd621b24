package kz.shekara.server.adapter.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.DecodeException;
import org.junit.jupiter.api.Test;

/** The direct detection reader gives exactly what the JSON tree gives, detection or error. */
class DetectionLineTest {
    private static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of("CUSTOMS"));
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonlCodec CODEC = new JsonlCodec(EPOCH, true, M);

    /** A line's outcome through a decoder: the event, or the refusal's reason and message. */
    private record Outcome(DomainEvent event, String reason, String message) {
    }

    private interface Decoder {
        DomainEvent decode(String line) throws DecodeException;
    }

    private static Outcome outcome(Decoder d, String line) {
        try {
            return new Outcome(d.decode(line), null, null);
        } catch (DecodeException e) {
            return new Outcome(null, e.reason(), e.getMessage());
        }
    }

    private static void sameAsTree(String line) {
        Outcome tree = outcome(CODEC::decodeSensorReportTree, line);
        assertThat(outcome(CODEC::decodeSensorReport, line)).as(line).isEqualTo(tree);
        if (!line.contains("heartbeat")) {
            // Without a heartbeat field a sensor report is read as a detection is.
            assertThat(outcome(CODEC::decodeDetection, line)).as(line).isEqualTo(tree);
        }
        Detection direct = DetectionLine.read(line, EPOCH, M);
        if (direct != null) {
            // Doubles compared bit for bit: -0.0 is not 0.0 here.
            assertThat(direct).as(line).isEqualTo(tree.event());
            assertThat(Double.doubleToRawLongBits(direct.lat()))
                    .isEqualTo(Double.doubleToRawLongBits(((Detection) tree.event()).lat()));
        }
    }

    @Test
    void readsTheUsualLinesDirectlyAndAsTheTreeDoes() {
        List<String> lines = List.of(
                "{\"time\":0,\"sensor\":\"radar-1\",\"lat\":42.0161173,\"lon\":69.4723262,\"sigma_m\":10.0,\"kind\":\"radar\"}",
                "{\"time\":299.5,\"sensor\":\"radar-2\",\"lat\":41.5,\"lon\":69,\"sigma_m\":10,\"kind\":\"RADAR\"}",
                " { \"kind\" : \"camera\" , \"sigma_m\" : 3.25 ,\t\"lon\" : -69.01 , \"lat\" : -0.0 , \"sensor\" : \"c\" , \"time\" : -12.000000001 } ",
                "{\"time\":12.5,\"sensor\":\"r\",\"lat\":-0,\"lon\":0,\"sigma_m\":1,\"kind\":null}",
                "{\"time\":1.123456789,\"sensor\":\"r\",\"lat\":1,\"lon\":2,\"sigma_m\":1}",
                "{\"time\":999999999,\"sensor\":\"Ақтау ✓\",\"lat\":89.999999999999,\"lon\":-179.99999999999,\"sigma_m\":0.001}",
                "{\"time\":3,\"sensor\":\"r\",\"lat\":1,\"lon\":2,\"sigma_m\":1,\"extra\":\"x\",\"n\":null,\"b\":true,\"z\":-7.5}");
        for (String line : lines) {
            sameAsTree(line);
            assertThat(DetectionLine.read(line, EPOCH, M)).as(line).isNotNull();
        }
    }

    @Test
    void leavesEveryUnusualOrRefusedLineToTheTreeWithItsErrors() {
        String ok = "\"sensor\":\"r\",\"lat\":41.5,\"lon\":69.5,\"sigma_m\":10";
        List<String> lines = List.of(
                // escapes, exponents, long numbers, ISO times: read by the tree, same detection
                "{\"time\":1,\"sensor\":\"r\\u0061dar\",\"lat\":41.5,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":1,\"sensor\":\"a\\\"b\",\"lat\":41.5,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":1.5e2," + ok + "}", "{\"time\":1E-3," + ok + "}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":4.15e1,\"lon\":69.5,\"sigma_m\":1e1}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":41.50000000000000000001,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":0.1234567891234," + ok + "}", "{\"time\":12345678901," + ok + "}",
                "{\"time\":1234567890.5," + ok + "}", "{\"time\":0.30000000000000004," + ok + "}",
                "{\"time\":\"2026-01-01T06:00:12.500Z\"," + ok + "}",
                "{\"time\":1," + ok + ",\"kind\":\"radar\",\"kind\":\"camera\"}", "{\"time\":1,\"time\":2," + ok + "}",
                "{\"time\":1," + ok + ",\"nested\":{\"a\":[1,2]}}", "{\"time\":1," + ok + ",\"u\":\"\\n\"}",
                // heartbeats
                "{\"time\":1,\"sensor\":\"ugs-1\",\"heartbeat\":true}", "{\"time\":1," + ok + ",\"heartbeat\":false}",
                "{\"time\":1," + ok + ",\"heartbeat\":null}", "{\"time\":1," + ok + ",\"heartbeat\":1}",
                // missing and mistyped fields
                "{" + ok + "}", "{\"time\":1,\"lat\":41.5,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":1,\"sensor\":\"r\",\"lon\":69.5,\"sigma_m\":10}", "{\"time\":1,\"sensor\":\"r\",\"lat\":41.5,\"lon\":69.5}",
                "{\"time\":null," + ok + "}", "{\"time\":true," + ok + "}", "{\"time\":1,\"sensor\":\"  \",\"lat\":1,\"lon\":1,\"sigma_m\":1}",
                "{\"time\":1,\"sensor\":7,\"lat\":1,\"lon\":1,\"sigma_m\":1}", "{\"time\":1,\"sensor\":\"r\",\"lat\":\"41\",\"lon\":1,\"sigma_m\":1}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":null,\"lon\":1,\"sigma_m\":1}", "{\"time\":1," + ok + ",\"kind\":7}",
                "{\"time\":1," + ok + ",\"kind\":\"sonar\"}", "{\"time\":1," + ok + ",\"kind\":\"\"}",
                // out of range
                "{\"time\":1,\"sensor\":\"r\",\"lat\":91,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":-90.0000001,\"lon\":69.5,\"sigma_m\":10}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":41,\"lon\":180.5,\"sigma_m\":10}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":41,\"lon\":69.5,\"sigma_m\":0}",
                "{\"time\":1,\"sensor\":\"r\",\"lat\":41,\"lon\":69.5,\"sigma_m\":-1.5}",
                "{\"time\":9000000001," + ok + "}", "{\"time\":-9000000000.5," + ok + "}", "{\"time\":8999999999," + ok + "}",
                "{\"time\":999999999999999999," + ok + "}", "{\"time\":-999999999," + ok + "}",
                // not JSON, or not one object
                "", "{}", "[1]", "{\"time\":1," + ok, "{\"time\":1," + ok + "} x", "{\"time\":01," + ok + "}",
                "{\"time\":1.," + ok + "}", "{\"time\":-," + ok + "}", "{\"time\":NaN," + ok + "}", "{'time':1}",
                "{\"time\":1," + ok + ",}", "\ufeff{\"time\":1," + ok + "}", "{\"time\" 1," + ok + "}");
        for (String line : lines) {
            sameAsTree(line);
        }
        assertThat(DetectionLine.read("{\"time\":1," + ok + ",\"kind\":\"sonar\"}", EPOCH, M)).isNull();
        assertThat(DetectionLine.read("{\"time\":1,\"sensor\":\"r\",\"lat\":91,\"lon\":69.5,\"sigma_m\":10}", EPOCH,
                M)).isNull();
        assertThat(outcome(CODEC::decodeSensorReport, "{\"time\":1,\"sensor\":\"r\",\"lat\":91,\"lon\":69.5,\"sigma_m\":10}")
                .reason()).isEqualTo("lat-out-of-range");
    }

    @Test
    void agreesWithTheTreeOnRandomNumbersAndShapes() {
        SplittableRandom random = new SplittableRandom(15);
        List<String> lines = new ArrayList<>();
        String[] kinds = {"", ",\"kind\":\"radar\"", ",\"kind\":null", ",\"kind\":\"ugs\"", ",\"x\":1"};
        for (int i = 0; i < 100_000; i++) {
            String time = switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(-1_000_000, 1_000_000_000));
                case 1 -> String.format(Locale.ROOT, "%." + random.nextInt(1, 12) + "f", random.nextDouble(-1e4, 1e6));
                case 2 -> Double.toString(random.nextDouble(0, 1e9));
                default -> Long.toString(random.nextLong(-10_000_000_000L, 10_000_000_000L));
            };
            String lat = random.nextBoolean() ? Double.toString(random.nextDouble(-91, 91))
                    : String.format(Locale.ROOT, "%." + random.nextInt(0, 16) + "f", random.nextDouble(-91, 91));
            String lon = String.format(Locale.ROOT, "%." + random.nextInt(0, 12) + "f", random.nextDouble(-181, 181));
            String sigma = random.nextInt(10) == 0 ? "0" : Double.toString(random.nextDouble(0, 50));
            lines.add("{\"time\":" + time + ",\"sensor\":\"s-" + random.nextInt(9) + "\",\"lat\":" + lat + ",\"lon\":"
                    + lon + ",\"sigma_m\":" + sigma + kinds[random.nextInt(kinds.length)] + "}");
        }
        int direct = 0;
        for (String line : lines) {
            sameAsTree(line);
            if (DetectionLine.read(line, EPOCH, M) != null) {
                direct++;
            }
        }
        assertThat(direct).isGreaterThan(40_000);
    }
}
