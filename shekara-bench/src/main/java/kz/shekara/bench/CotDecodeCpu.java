package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.cot.CotDecoder;

/**
 * CoT decode rate per CPU-second of the decoding thread (ThreadMXBean thread CPU time), for a
 * machine too busy for wall-clock JMH scores to mean much: it counts only the time the thread ran.
 * Usage: {@code java -cp benchmarks.jar kz.shekara.bench.CotDecodeCpu [rounds] [eventsPerRound]}.
 */
public final class CotDecodeCpu {
    private CotDecodeCpu() {
    }

    public static void main(String[] args) throws DecodeException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        byte[] sa = CotDecodeBenchmark.SA.getBytes(StandardCharsets.UTF_8);
        CotDecoder decoder = new CotDecoder(65_536);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += decoder.decode(sa).uid().length();
            }
            double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d: %.0f events per CPU-second%n", r + 1, perRound / cpuSeconds);
        }
        System.out.println(sink > 0 ? "" : "?");
    }
}
