package kz.shekara.server.adapter.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.server.adapter.DecodeException;
import org.junit.jupiter.api.Test;

class JsonlCodecTest {
    private static final Instant EPOCH = Instant.parse("2026-01-01T06:00:00Z");
    private static final Marking M = Marking.of(Classification.RESTRICTED, "KNB-BS", List.of("CUSTOMS"));
    private final JsonlCodec codec = new JsonlCodec(EPOCH, true, M);

    @Test
    void decodesSecondsAndIsoTimes() throws DecodeException {
        Detection a = codec.decodeDetection("{\"time\": 12.5, \"sensor\": \"radar-7\", \"lat\": 41.52, \"lon\": 69.01, \"sigma_m\": 25.0}");
        Detection b = codec.decodeDetection("{\"time\": \"2026-01-01T06:00:12.500Z\", \"sensor\": \"radar-7\", \"lat\": 41.52, \"lon\": 69.01, \"sigma_m\": 25.0, \"kind\": \"radar\"}");
        assertThat(a.time()).isEqualTo(EPOCH.plusMillis(12_500));
        assertThat(b.time()).isEqualTo(a.time());
        assertThat(a.kind()).isEqualTo(SensorKind.OTHER);
        assertThat(b.kind()).isEqualTo(SensorKind.RADAR);
        assertThat(a.marking()).isEqualTo(M);
    }

    @Test
    void ignoresUnknownFields() throws DecodeException {
        Detection d = codec.decodeDetection("{\"time\": 1, \"sensor\": \"s\", \"lat\": 1, \"lon\": 2, \"sigma_m\": 3, \"extra\": {\"x\": 1}}");
        assertThat(d.sensor()).isEqualTo("s");
    }

    @Test
    void roundTripsTheFixtureFileByteForByte() throws IOException, DecodeException {
        List<String> lines = fixture("detections.jsonl");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(codec.encodeDetection(codec.decodeDetection(line)));
        }
        assertThat(out).containsExactlyElementsOf(lines);
    }

    @Test
    void rejectsBadLinesWithAReason() throws IOException {
        List<String> lines = fixture("bad-detections.jsonl");
        List<String> reasons = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\t", 2);
            assertThatThrownBy(() -> codec.decodeDetection(parts[1]))
                    .isInstanceOf(DecodeException.class)
                    .satisfies(e -> reasons.add(((DecodeException) e).reason()));
            assertThat(reasons.get(reasons.size() - 1)).as(parts[1]).isEqualTo(parts[0]);
        }
        assertThat(reasons).hasSize(lines.size());
    }

    @Test
    void rejectsOversizedLine() {
        String big = "{\"time\":1,\"sensor\":\"" + "x".repeat(JsonlCodec.MAX_LINE_CHARS) + "\"}";
        assertThatThrownBy(() -> codec.decodeDetection(big))
                .isInstanceOf(DecodeException.class).hasMessageContaining("longer");
    }

    @Test
    void writesIsoTimesWhenNotInSecondsMode() throws DecodeException {
        JsonlCodec iso = new JsonlCodec(EPOCH, false, M);
        Detection d = codec.decodeDetection("{\"time\": 1.25, \"sensor\": \"s\", \"lat\": 1, \"lon\": 2, \"sigma_m\": 3}");
        assertThat(iso.encodeDetection(d)).startsWith("{\"time\":\"2026-01-01T06:00:01.250Z\"");
    }

    private static List<String> fixture(String name) throws IOException {
        try (InputStream in = JsonlCodecTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void heartbeatLinesShareTheDetectionsFileAndRoundTrip() throws DecodeException {
        String line = "{\"time\":12.5,\"sensor\":\"ugs-uz-01-1\",\"heartbeat\":true}";
        var h = (kz.shekara.model.SensorHeartbeat) codec.decodeSensorReport(line);
        assertThat(h.sensor()).isEqualTo("ugs-uz-01-1");
        assertThat(h.time()).isEqualTo(EPOCH.plusMillis(12_500));
        assertThat(h.marking()).isEqualTo(M);
        assertThat(codec.encodeHeartbeat(h)).isEqualTo(line);
        assertThat(codec.decodeHeartbeat(line)).isEqualTo(h);
        assertThat(codec.decodeSensorReport("{\"time\": 1, \"sensor\": \"s\", \"lat\": 1, \"lon\": 2, \"sigma_m\": 3}"))
                .isInstanceOf(Detection.class);
        assertThat(codec.decodeSensorReport("{\"time\": 1, \"sensor\": \"s\", \"lat\": 1, \"lon\": 2, \"sigma_m\": 3, \"heartbeat\": false}"))
                .as("heartbeat false is a detection").isInstanceOf(Detection.class);
    }

    @Test
    void rejectsHeartbeatsWithoutSensorOrWithANonBooleanFlag() {
        assertThatThrownBy(() -> codec.decodeSensorReport("{\"time\": 1, \"heartbeat\": true}"))
                .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo("missing-field"));
        assertThatThrownBy(() -> codec.decodeSensorReport("{\"time\": 1, \"sensor\": \"s\", \"heartbeat\": \"yes\"}"))
                .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo("bad-field"));
        assertThatThrownBy(() -> codec.decodeHeartbeat("{\"time\": 1, \"sensor\": \"s\", \"lat\": 1, \"lon\": 2, \"sigma_m\": 3}"))
                .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo("not-a-heartbeat"));
    }

    @Test
    void aTracksEndCarriesItsStatusWhileABatchTrackLineStaysAsItWas() throws DecodeException {
        String live = "{\"time\":100,\"track\":\"T-3\",\"lat\":41.5,\"lon\":69,\"vn\":1,\"ve\":0,\"sigma_m\":30}";
        kz.shekara.model.TrackUpdate u = codec.decodeTrack(live);
        assertThat(u.status()).isEqualTo(kz.shekara.model.TrackStatus.CONFIRMED);
        assertThat(codec.encodeTrack(u)).isEqualTo(live);

        kz.shekara.model.TrackUpdate end = new kz.shekara.model.TrackUpdate(u.time(), u.track(), null, u.lat(), u.lon(),
                u.vnMps(), u.veMps(), u.covEE(), u.covEN(), u.covNN(), kz.shekara.model.TrackStatus.DELETED,
                u.targetClass(), u.sensors(), u.marking());
        String line = codec.encodeTrack(end);
        assertThat(line).isEqualTo(live.replace("}", ",\"status\":\"deleted\"}"));
        assertThat(codec.decodeTrack(line)).isEqualTo(end);
        assertThatThrownBy(() -> codec.decodeTrack(live.replace("}", ",\"status\":\"gone\"}")))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo("unknown-status"));
    }
    @Test
    void writesTrackLinesAsTheJsonTreeDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        JsonlCodec iso = new JsonlCodec(EPOCH, false, M);
        String[] ids = {"uz-01-7", "S1-12", "id \"quoted\"", "back\\slash", "tab\tid", "Ақтау-3", "del\u007fid"};
        for (int i = 0; i < 20_000; i++) {
            List<Double> modes = i % 3 == 0 ? List.of() : List.of(random.nextDouble(), random.nextDouble());
            kz.shekara.model.TrackUpdate u = new kz.shekara.model.TrackUpdate(
                    EPOCH.plusNanos(random.nextLong(0, 400_000_000_000L) / 1_000 * (i % 2 == 0 ? 1_000_000 : 1)),
                    ids[i % ids.length], "uz-01", random.nextDouble(-90, 90), random.nextDouble(-180, 180),
                    random.nextDouble(-40, 40), random.nextDouble(-40, 40), random.nextDouble(0, 900), 0,
                    random.nextDouble(0, 900), i % 5 == 0 ? kz.shekara.model.TrackStatus.DELETED
                    : kz.shekara.model.TrackStatus.CONFIRMED, kz.shekara.model.TargetClass.UNKNOWN,
                    new java.util.TreeSet<>(), M, modes);
            assertThat(codec.encodeTrack(u)).isEqualTo(codec.encodeTrackTree(u));
            assertThat(iso.encodeTrack(u)).isEqualTo(iso.encodeTrackTree(u));
        }
    }
}
