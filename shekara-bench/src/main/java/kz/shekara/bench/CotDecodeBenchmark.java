package kz.shekara.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.cot.CotDecoder;
import kz.shekara.server.adapter.cot.CotEncoder;
import kz.shekara.server.adapter.cot.CotEvent;
import kz.shekara.server.adapter.cot.CotFramer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CoT decode throughput on one core: one ATAK SA event (about 600 bytes) through the StAX decoder,
 * a stream of 100 back-to-back events through framer and decoder, and one event through the encoder.
 * Scores are events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CotDecodeBenchmark {
    static final String SA = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<event version=\"2.0\" uid=\"ANDROID-589520ccfcd20f01\" type=\"a-f-G-U-C\" how=\"h-e\""
            + " time=\"2026-03-14T06:30:00.000Z\" start=\"2026-03-14T06:30:00.000Z\" stale=\"2026-03-14T06:36:00.000Z\">"
            + "<point lat=\"42.316712\" lon=\"69.596234\" hae=\"412.7\" ce=\"9.9\" le=\"9999999.0\"/><detail>"
            + "<takv os=\"29\" version=\"4.10.0.57\" device=\"SAMSUNG SM-G781U\" platform=\"ATAK-CIV\"/>"
            + "<contact endpoint=\"*:-1:stcp\" callsign=\"SHYMKENT-P1\"/><uid Droid=\"SHYMKENT-P1\"/>"
            + "<precisionlocation altsrc=\"GPS\" geopointsrc=\"GPS\"/><__group role=\"Team Lead\" name=\"Cyan\"/>"
            + "<status battery=\"87\"/><track course=\"134.5\" speed=\"1.8\"/></detail></event>\n";
    private static final int STREAM_EVENTS = 100;

    private byte[] sa;
    private byte[] stream;
    private CotDecoder decoder;
    private CotFramer framer;
    private CotEncoder encoder;
    private CotEvent decoded;

    @Setup
    public void setUp() throws DecodeException {
        sa = SA.getBytes(StandardCharsets.UTF_8);
        stream = SA.repeat(STREAM_EVENTS).getBytes(StandardCharsets.UTF_8);
        decoder = new CotDecoder(65_536);
        framer = new CotFramer(65_536);
        encoder = new CotEncoder();
        decoded = decoder.decode(sa);
    }

    @Benchmark
    public CotEvent decodeSa() throws DecodeException {
        return decoder.decode(sa);
    }

    @Benchmark
    @OperationsPerInvocation(STREAM_EVENTS)
    public void frameAndDecodeStream(Blackhole bh) {
        for (int off = 0; off < stream.length; off += 4096) {
            framer.feed(stream, off, Math.min(4096, stream.length - off), new CotFramer.Sink() {
                @Override
                public void frame(byte[] buf, int o, int len) {
                    try {
                        bh.consume(decoder.decode(buf, o, len));
                    } catch (DecodeException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void oversized(long bytes) {
                    throw new IllegalStateException("oversized");
                }
            });
        }
    }

    @Benchmark
    public byte[] encodeSa() {
        return encoder.encode(decoded);
    }
}
