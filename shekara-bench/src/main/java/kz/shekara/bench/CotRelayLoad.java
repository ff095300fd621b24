package kz.shekara.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.bus.InMemoryBus;

/**
 * Relay load driver for the CoT server on loopback: N TAK clients with team colours of G each,
 * sending SA position reports at a fixed total rate (or as fast as it can, rate 0); every report is
 * relayed to the N-1 other clients, since every plain TCP client is in the one anonymous routing
 * group (team colours are not routing groups). Prints events in/s, relayed out/s and relay latency percentiles (send → team
 * mate's socket read, measured after the warm-up), and how many relayed reports were superseded by
 * a newer one in a slow reader's queue. Server and clients share the machine.
 *
 * <p>Usage: {@code java -cp benchmarks.jar kz.shekara.bench.CotRelayLoad [clients] [teamSize]
 * [eventsPerSecond] [seconds] [warmupSeconds]}, defaults 100 10 100000 10 3.
 */
public final class CotRelayLoad {
    private static final String MARK = "<remarks>t=";

    public static void main(String[] args) throws Exception {
        int clients = arg(args, 0, 100);
        int team = arg(args, 1, 10);
        int rate = arg(args, 2, 100_000);
        int seconds = arg(args, 3, 10);
        int warmup = arg(args, 4, 3);
        CotServerConfig config = new CotServerConfig("127.0.0.1", 0, -1, 65_536, 10_000, Duration.ofMinutes(2),
                50, null);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (InMemoryBus bus = new InMemoryBus();
             CotServer server = new CotServer(config, bus, Marking.of(Classification.UNCLASSIFIED, "BENCH",
                     List.of()), registry, Clock.systemUTC())) {
            int port = server.start();
            new CotRelayLoad(port, clients, team, rate, seconds, warmup,
                    registry.get("shekara.adapter.events.in").counter()).run();
        }
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private final int port;
    private final int clients;
    private final int team;
    private final int rate;
    private final int seconds;
    private final int warmup;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sentMeasured = new AtomicLong();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long stopAt;

    private final io.micrometer.core.instrument.Counter serverIn;
    private volatile double serverInAtMeasure = -1;

    private CotRelayLoad(int port, int clients, int team, int rate, int seconds, int warmup,
                         io.micrometer.core.instrument.Counter serverIn) {
        this.serverIn = serverIn;
        this.port = port;
        this.clients = clients;
        this.team = team;
        this.rate = rate;
        this.seconds = seconds;
        this.warmup = warmup;
    }

    private void run() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            sockets.add(s);
        }
        // Each client announces its team first so the server knows every group before the load.
        for (int i = 0; i < clients; i++) {
            OutputStream out = sockets.get(i).getOutputStream();
            out.write(sa(i, 0).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        Thread.sleep(1000); // the load driver's own settling; not part of any result
        long[][] perReader = new long[clients][];
        int[] counts = new int[clients];
        for (int i = 0; i < clients; i++) {
            int idx = i;
            perReader[i] = new long[1 << 16];
            readers.add(Thread.ofPlatform().daemon().start(() -> read(sockets.get(idx), idx, perReader, counts)));
        }
        long start = System.nanoTime();
        measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        stopAt = start + Duration.ofSeconds(warmup + seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int idx = i;
            Thread.ofVirtual().start(() -> {
                try {
                    send(sockets.get(idx), idx);
                } catch (IOException e) {
                    System.err.println("sender " + idx + ": " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        serverInAtMeasure = serverIn.count();
        done.await();
        long end = System.nanoTime();
        double serverInAtEnd = serverIn.count();
        Thread.sleep(2000); // let the last relays arrive before counting
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : readers) {
            t.join();
        }
        for (int i = 0; i < clients; i++) {
            latencies.add(Arrays.copyOf(perReader[i], counts[i]));
        }
        report(latencies, (end - measureFrom) / 1e9, serverInAtEnd - serverInAtMeasure);
    }

    private String sa(int client, long nanos) {
        return "<event version=\"2.0\" uid=\"BENCH-" + client + "\" type=\"a-f-G-U-C\" how=\"m-g\""
                + " time=\"2026-03-14T06:30:00.000Z\" start=\"2026-03-14T06:30:00.000Z\" stale=\"2026-03-14T06:32:00.000Z\">"
                + "<point lat=\"42.3\" lon=\"69.6\" hae=\"300.0\" ce=\"10.0\" le=\"9999999.0\"/><detail>"
                + "<contact callsign=\"B" + client + "\" endpoint=\"*:-1:stcp\"/><__group name=\"team-" + (client / team)
                + "\" role=\"Team Member\"/><track course=\"10.0\" speed=\"1.5\"/>" + MARK + nanos
                + "</remarks></detail></event>";
    }

    private void send(Socket s, int idx) throws IOException {
        OutputStream out = s.getOutputStream();
        double perClientRate = rate <= 0 ? 0 : (double) rate / clients;
        long intervalNanos = perClientRate <= 0 ? 0 : (long) (1e9 / perClientRate);
        long next = System.nanoTime() + (intervalNanos == 0 ? 0 : (long) (Math.random() * intervalNanos));
        while (true) {
            long now = System.nanoTime();
            if (now >= stopAt) {
                return;
            }
            if (intervalNanos > 0 && now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            out.write(sa(idx, System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            sent.incrementAndGet();
            if (now >= measureFrom) {
                sentMeasured.incrementAndGet();
            }
            next += intervalNanos;
        }
    }

    private void read(Socket s, int idx, long[][] lat, int[] counts) {
        byte[] buf = new byte[65_536];
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        int carry = 0;
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf, carry, buf.length - carry)) >= 0) {
                long now = System.nanoTime();
                int len = carry + n;
                int i = 0;
                int lastEnd = 0;
                while (true) {
                    int m = indexOf(buf, mark, i, len);
                    if (m < 0) {
                        break;
                    }
                    int p = m + mark.length;
                    long v = 0;
                    while (p < len && buf[p] >= '0' && buf[p] <= '9') {
                        v = v * 10 + (buf[p] - '0');
                        p++;
                    }
                    if (p >= len) {
                        break; // number cut by the read: keep it for the next one
                    }
                    received.incrementAndGet();
                    if (v >= measureFrom) {
                        if (counts[idx] == lat[idx].length) {
                            lat[idx] = Arrays.copyOf(lat[idx], lat[idx].length * 2);
                        }
                        lat[idx][counts[idx]++] = now - v;
                    }
                    i = p;
                    lastEnd = p;
                }
                carry = len - lastEnd;
                if (carry > 4096) {
                    carry = Math.min(carry, 64); // no marker in a large chunk: keep only a tail
                    System.arraycopy(buf, len - carry, buf, 0, carry);
                } else {
                    System.arraycopy(buf, lastEnd, buf, 0, carry);
                }
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    private static int indexOf(byte[] b, byte[] m, int from, int to) {
        outer:
        for (int i = from; i <= to - m.length; i++) {
            for (int k = 0; k < m.length; k++) {
                if (b[i + k] != m[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void report(List<long[]> latencies, double measuredSeconds, double serverAccepted) {
        long total = latencies.stream().mapToLong(a -> a.length).sum();
        long[] all = new long[(int) total];
        int o = 0;
        for (long[] a : latencies) {
            System.arraycopy(a, 0, all, o, a.length);
            o += a.length;
        }
        Arrays.sort(all);
        long expected = sentMeasured.get() * (clients - 1);
        System.out.printf("clients=%d team=%d target=%d ev/s measured=%.1fs%n", clients, team, rate, measuredSeconds);
        System.out.printf("sent: %.0f events/s   server accepted: %.0f events/s   relayed out: %.0f events/s%n",
                sentMeasured.get() / measuredSeconds, serverAccepted / measuredSeconds, total / measuredSeconds);
        System.out.printf("received %d of %d relayed reports sent after warm-up (%.3f%% superseded or late)%n",
                total, expected,
                expected == 0 ? 0.0 : 100.0 * (expected - total) / expected);
        if (all.length > 0) {
            System.out.printf("relay latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                    pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all[all.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
