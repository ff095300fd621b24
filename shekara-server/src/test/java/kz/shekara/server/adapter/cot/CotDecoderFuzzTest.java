package kz.shekara.server.adapter.cot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import kz.shekara.server.adapter.DecodeException;

/**
 * Any frame given to the CoT decoder gives an event or a {@link DecodeException} (a counted refusal),
 * never another exception. Seeds: the CoT fixture files ({@code CotDecoderFuzzTestInputs}).
 */
class CotDecoderFuzzTest {
    private final CotDecoder decoder = new CotDecoder(64 * 1024);

    @FuzzTest(maxDuration = "15s")
    void decodesOrRefuses(byte[] frame) {
        try {
            decoder.decode(frame, 0, frame.length);
        } catch (DecodeException refused) {
            // a refusal with a reason is the one outcome besides an event
        }
    }
}
