package kz.shekara.server.adapter.jsonl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.DecodeException;

/** Any line given to any of the JSONL decoders gives a value or a {@link DecodeException}, never another exception. */
class JsonlCodecFuzzTest {
    private final JsonlCodec codec = new JsonlCodec(Instant.parse("2026-03-01T06:00:00Z"), true,
            Marking.of(Classification.UNCLASSIFIED, "kz-border-guard", List.of()));

    @FuzzTest(maxDuration = "15s")
    void decodesOrRefuses(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 4);
        String line = data.consumeRemainingAsString();
        try {
            switch (kind) {
                case 0 -> codec.decodeSensorReport(line);
                case 1 -> codec.decodeTrack(line);
                case 2 -> codec.decodeUnitPosition(line);
                case 3 -> codec.decodeTruth(line);
                default -> codec.decodeDetection(line);
            }
        } catch (DecodeException refused) {
            // a refusal with a reason is the one outcome besides a value
        }
    }
}
