package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Any byte stream, cut into reads of any size, gives frames that each end with {@code </event>} and are
 * no longer than the limit, and the framer never holds more than the limit plus one read.
 */
class CotFramerFuzzTest {
    private static final int MAX = 512;
    private static final byte[] END = "</event>".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "15s")
    void framesStayWhole(FuzzedDataProvider data) {
        CotFramer framer = new CotFramer(MAX);
        CotFramer.Sink sink = new CotFramer.Sink() {
            @Override
            public void frame(byte[] buf, int off, int len) {
                assertThat(len).isBetween(END.length, MAX);
                assertThat(Arrays.copyOfRange(buf, off + len - END.length, off + len)).isEqualTo(END);
            }

            @Override
            public void oversized(long discardedBytes) {
                assertThat(discardedBytes).isGreaterThan(MAX);
            }
        };
        while (data.remainingBytes() > 0) {
            byte[] read = data.consumeBytes(data.consumeInt(1, 700));
            framer.feed(read, 0, read.length, sink);
            assertThat(framer.buffered()).isLessThanOrEqualTo(MAX + read.length);
        }
    }
}
