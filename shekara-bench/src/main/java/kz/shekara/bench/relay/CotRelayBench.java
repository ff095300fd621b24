package kz.shekara.bench.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;

/**
 * The CoT relay benchmark: N devices each sending R positions a second to a relay in another process
 * ({@link RelayServer}: Shekara's CoT server over its durable SQLite log, or the {@link BareRelay}),
 * over plain TCP or TLS with client certificates; every device reads what the others send, and one
 * silent listener measures relay latency (send to its socket read). For each device count,
 * transport and relay, R steps up a ladder until a step fails: p99 latency over the limit, any event
 * lost (not received by every other device and the listener, superseded ones included), a device
 * disconnected, or the devices not sending the rate asked. The last step that passes is the
 * sustained rate; relayed events/s out counts what all clients received in the measured window.
 * CPU: the relay process's and this driver's, in cores, over the window.
 *
 * <p>Usage: {@code java -cp benchmarks.jar kz.shekara.bench.relay.CotRelayBench [devices=50,100,500]
 * [transports=tcp,tls] [relays=shekara,bare] [seconds=5] [warmup=2] [p99ms=50] [listener=last|first]}: the
 * listener connects after the devices (last, so both relays write to it last of all: the latency of a
 * whole fan-out) or before them (first).
 */
public final class CotRelayBench {
    /** A report sent this long after its turn was sent late: the driver's own threads waited to run. */
    private static final long LATE_SEND = TimeUnit.MILLISECONDS.toNanos(10);
    private static final double[] LADDER = ladder(System.getProperty("shekara.bench.rates"));

    private static final boolean FIXED_RATES = System.getProperty("shekara.bench.rates") != null;

    private final Path dir;
    private final SSLContext clientTls;
    private final int seconds;
    private final int warmup;
    private final double p99Limit;
    private final boolean listenerFirst;

    private CotRelayBench(Path dir, SSLContext clientTls, int seconds, int warmup, double p99Limit,
                          boolean listenerFirst) {
        this.dir = dir;
        this.clientTls = clientTls;
        this.seconds = seconds;
        this.warmup = warmup;
        this.p99Limit = p99Limit;
        this.listenerFirst = listenerFirst;
    }

    public static void main(String[] args) throws Exception {
        int[] devices = Arrays.stream(arg(args, 0, "50,100,500").split(",")).mapToInt(Integer::parseInt).toArray();
        String[] transports = arg(args, 1, "tcp,tls").split(",");
        String[] relays = arg(args, 2, "shekara,bare").split(",");
        Path dir = Files.createTempDirectory("cot-relay-bench");
        CertificateAuthority ca = CertificateAuthority.init(dir, Clock.systemUTC());
        CotRelayBench bench = new CotRelayBench(dir, clientContext(ca.issue("bench-device", "BENCH")),
                Integer.parseInt(arg(args, 3, "5")), Integer.parseInt(arg(args, 4, "2")),
                Double.parseDouble(arg(args, 5, "50")), "first".equals(arg(args, 6, "last")));
        List<String> table = new ArrayList<>();
        table.add("| devices | transport | relay | R/device | events/s in | relayed events/s out | p99 ms | relay CPU cores | relay µs/event out | driver CPU cores | load avg |");
        table.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : devices) {
            for (String transport : transports) {
                for (String relay : relays) {
                    Step best = bench.search(relay, transport, n);
                    table.add(best == null
                            ? String.format(Locale.ROOT, "| %d | %s | %s | below %s | | | | | | | |", n, transport, relay,
                            fmt(firstRate(n)))
                            : String.format(Locale.ROOT, "| %d | %s | %s | %s | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %s |",
                            n, transport, relay, fmt(best.rate), best.inPerS, best.outPerS, best.p99Ms, best.relayCpu,
                            best.relayMicrosPerEvent(), best.driverCpu, best.load));
                }
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    /** Steps the rate up until a step fails (one retry), returns the last step that passed, or null. */
    private Step search(String relay, String transport, int n) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        String jvmOptions = System.getProperty("shekara.bench.relayJvm", "");
        if (!jvmOptions.isBlank()) { // e.g. a flight recording of the relay process alone
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayServer.class.getName(), relay,
                transport, dir.toString()));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        while (first != null && first.startsWith("[")) { // the JVM's own start-up lines (a flight recording's)
            first = lines.readLine();
        }
        if (first == null || !first.startsWith("port=")) {
            throw new IllegalStateException("relay server did not start: " + first);
        }
        int port = Integer.parseInt(first.substring(5));
        RelayStats stats = new RelayStats(server.getOutputStream(), lines);
        List<RelayClient> clients = new ArrayList<>();
        Step best = null;
        try {
            RelayClient[] connected = new RelayClient[n + 1];
            for (int k = 0; k <= n; k++) { // the relays write to their clients in the order they connected
                int i = listenerFirst ? (k + n) % (n + 1) : k;
                connected[i] = new RelayClient(connect(transport, port), i, i == n);
            }
            clients.addAll(Arrays.asList(connected));
            for (int i = 0; i < n; i++) {
                clients.get(i).send(sa(i, System.nanoTime()));
            }
            Thread.sleep(1000); // every device announced before the load
            // A first step not counted: the relay process's code is compiled and its caches filled.
            System.out.printf(Locale.ROOT, "%d %s %s warm-up: %s%n", n, transport, relay,
                    step(server.toHandle(), stats, clients, n, firstRate(n)));
            boolean retried = false;
            for (double rate : LADDER) {
                if (rate < firstRate(n)) {
                    continue;
                }
                Step s = step(server.toHandle(), stats, clients, n, rate);
                System.out.printf(Locale.ROOT, "%d %s %s %s/s per device: %s%n", n, transport, relay, fmt(rate), s);
                if (s.passed(p99Limit)) {
                    best = s;
                } else if (FIXED_RATES && s.open) {
                    continue; // fixed rates: each is measured for its CPU per event
                } else if (!retried && s.open) {
                    retried = true;
                    Step again = step(server.toHandle(), stats, clients, n, rate);
                    System.out.printf(Locale.ROOT, "%d %s %s %s/s per device (again): %s%n", n, transport, relay,
                            fmt(rate), again);
                    if (!again.passed(p99Limit)) {
                        break;
                    }
                    best = again;
                } else {
                    break;
                }
            }
        } finally {
            for (RelayClient c : clients) {
                c.close();
            }
            server.getOutputStream().close();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        return best;
    }

    /** The lowest rate per device tried: the one that relays at least 5,000 events a second out. */
    private static double firstRate(int n) {
        for (double r : LADDER) {
            if (r * n * n >= 5_000) {
                return r;
            }
        }
        return LADDER[LADDER.length - 1];
    }

    private Step step(ProcessHandle server, RelayStats stats, List<RelayClient> clients, int n, double rate)
            throws Exception {
        long[] base = clients.stream().mapToLong(RelayClient::received).toArray();
        long[] server0 = stats.read();
        for (RelayClient c : clients) {
            c.resetLatencies();
        }
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (RelayClient c : clients) {
            c.window(measureFrom, stopAt);
        }
        long[] sent = new long[n];
        long[] maxLag = new long[n];
        AtomicLong sentInWindow = new AtomicLong();
        AtomicLong lateSends = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        long interval = (long) (1e9 / rate);
        for (int i = 0; i < n; i++) {
            int idx = i;
            senders.add(Thread.ofVirtual().start(() -> {
                // Phases spread evenly over one interval: at rates of one report in several seconds the
                // devices still send the rate asked within one step, not a random share of it.
                long next = start + (long) ((idx + 0.5) / n * interval);
                try {
                    while (next < stopAt) {
                        long now = System.nanoTime();
                        if (now < next) {
                            LockSupport.parkNanos(next - now);
                            continue;
                        }
                        clients.get(idx).send(sa(idx, now));
                        sent[idx]++;
                        if (now >= measureFrom) {
                            sentInWindow.incrementAndGet();
                            maxLag[idx] = Math.max(maxLag[idx], now - next);
                            if (now - next > LATE_SEND) {
                                lateSends.incrementAndGet();
                            }
                        }
                        next += interval;
                    }
                } catch (IOException e) {
                    // the relay closed this device: counted below as a disconnection
                }
            }));
        }
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        Duration cpu0 = cpu(server);
        Duration self0 = cpu(ProcessHandle.current());
        long out0 = clients.stream().mapToLong(RelayClient::received).sum();
        LockSupport.parkNanos(stopAt - System.nanoTime());
        Duration cpu1 = cpu(server);
        Duration self1 = cpu(ProcessHandle.current());
        long out1 = clients.stream().mapToLong(RelayClient::received).sum();
        for (Thread t : senders) {
            t.join();
        }
        long lastTotal = -1;
        for (int i = 0; i < 100; i++) { // wait for the relay to drain: totals still for 300 ms, at most 30 s
            long total = clients.stream().mapToLong(RelayClient::received).sum();
            if (total == lastTotal) {
                break;
            }
            lastTotal = total;
            Thread.sleep(300);
        }
        long[] server1 = stats.read();
        long totalSent = Arrays.stream(sent).sum();
        long got = clients.stream().mapToLong(RelayClient::received).sum() - Arrays.stream(base).sum();
        long lost = lost(clients, base, sent, totalSent);
        boolean open = clients.stream().noneMatch(RelayClient::closed);
        long late = 0;
        if (lost > 0) { // how many of them were only late: what arrives in 3 more seconds
            Thread.sleep(3000);
            late = lost - lost(clients, base, sent, totalSent);
        }
        double window = seconds;
        long[] lat = clients.get(n).latencies();
        Arrays.sort(lat);
        double p99 = lat.length == 0 ? Double.NaN : lat[Math.min(lat.length - 1, (int) (0.99 * lat.length))] / 1e6;
        double p50 = lat.length == 0 ? Double.NaN : lat[lat.length / 2] / 1e6;
        return new Step(rate, sentInWindow.get() / window, n * rate, (out1 - out0) / window, p50, p99, lost, open,
                new Tally(totalSent, lateSends.get(), Arrays.stream(maxLag).max().orElse(0) / 1e6,
                        server1[0] - server0[0], server1[1] - server0[1], got, late, server1[2] - server0[2],
                        server1[3] - server0[3]),
                (cpu1.toNanos() - cpu0.toNanos()) / 1e9 / window, (self1.toNanos() - self0.toNanos()) / 1e9 / window,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Events not (yet) received: each client expects every event sent but its own. */
    private static long lost(List<RelayClient> clients, long[] base, long[] sent, long totalSent) {
        int n = sent.length;
        long lost = 0;
        for (int i = 0; i <= n; i++) {
            long expected = totalSent - (i < n ? sent[i] : 0);
            lost += Math.max(0, expected - (clients.get(i).received() - base[i]));
        }
        return lost;
    }

    private static Duration cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private Socket connect(String transport, int port) throws IOException {
        Socket s;
        if ("tls".equals(transport)) {
            SSLSocket t = (SSLSocket) clientTls.getSocketFactory().createSocket();
            t.connect(new InetSocketAddress("127.0.0.1", port));
            t.startHandshake();
            s = t;
        } else {
            s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port));
        }
        s.setTcpNoDelay(true);
        return s;
    }

    private static SSLContext clientContext(CertificateAuthority.Issued issued) throws Exception {
        char[] pw = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", issued.key(), pw, new Certificate[] {issued.certificate(), issued.ca()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", issued.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Device {@code i}'s SA report stamped now, carrying the driver's send time in its remarks. */
    private static byte[] sa(int i, long nanos) {
        Instant t = Instant.now();
        return ("<event version=\"2.0\" uid=\"BENCH-" + i + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(120) + "\"><point lat=\"42.3\" lon=\"69.6\""
                + " hae=\"300.0\" ce=\"10.0\" le=\"9999999.0\"/><detail><contact callsign=\"B" + i
                + "\" endpoint=\"*:-1:stcp\"/><__group name=\"Cyan\" role=\"Team Member\"/>"
                + "<track course=\"10.0\" speed=\"1.5\"/>" + RelayClient.MARK + nanos + "</remarks></detail></event>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The rates per device tried: the standard ladder, or {@code rates} (comma-separated, ascending) to
     * measure a few fixed rates only (then every one is run, failed or not, for CPU per event).
     */
    private static double[] ladder(String rates) {
        if (rates == null || rates.isBlank()) {
            return new double[] {0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5, 7, 10, 14, 20, 28, 40, 56, 80, 113, 160, 226,
                    320, 453, 640};
        }
        return Arrays.stream(rates.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }

    /** One step's figures. */
    private record Step(double rate, double inPerS, double targetInPerS, double outPerS, double p50Ms, double p99Ms,
                        long lost, boolean open, Tally tally, double relayCpu, double driverCpu, String load) {
        /** The relay process's CPU per event it wrote out, in microseconds. */
        double relayMicrosPerEvent() {
            return outPerS == 0 ? Double.NaN : relayCpu * 1e6 / outPerS;
        }

        boolean passed(double p99Limit) {
            return open && lost == 0 && p99Ms <= p99Limit && inPerS >= 0.95 * targetInPerS;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "in %.0f/s (asked %.0f) out %.0f/s p50 %.1f ms p99 %.1f ms lost %d%s"
                    + " [%s] relay CPU %.2f (%.2f µs/event out) driver CPU %.2f load %s", inPerS, targetInPerS, outPerS, p50Ms,
                    p99Ms, lost, open ? "" : " DISCONNECTED", tally, relayCpu, relayMicrosPerEvent(), driverCpu, load);
        }
    }

    /**
     * Where a step's events went, over the whole step: sent by the devices (of those in the measured
     * window, how many went out over 10 ms after their turn and the latest: the driver's own
     * scheduling), accepted and written by the relay (its own counters: N writes an accepted event),
     * read by the driver's clients (late: those of the lost that arrived within 3 more seconds);
     * clients the relay dropped as slow, inputs it rejected. Written short of N × accepted, the relay
     * never wrote them; read short of written, they were still on their way or the driver's readers
     * fell behind.
     */
    private record Tally(long sent, long lateSends, double maxSendLagMs, long accepted, long written, long read,
                         long late, long slow, long rejected) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sent %d (in window %d late by over 10 ms, at most %.0f ms), relay"
                    + " accepted %d wrote %d, driver read %d (+%d late), slow %d, rejected %d", sent, lateSends,
                    maxSendLagMs, accepted, written, read, late, slow, rejected);
        }
    }

}
