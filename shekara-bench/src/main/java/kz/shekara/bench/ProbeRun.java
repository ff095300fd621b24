package kz.shekara.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One measured run of {@link AlertLatencyBench} on an assembled pipeline: starts the radar feeds,
 * publishes probe alarms on a wall-clock schedule from its own thread, times each probe from the
 * publish call to its alert on {@link Topic#ALERTS}, and prints the figures. Each probe has its own
 * sensor id ({@code probe-<n>}, at a real fence, ground-sensor or radiation-portal position, of that
 * sensor's kind), so the sensor-alarm rule's per-sensor re-arm never holds one back.
 */
final class ProbeRun {
    private static final String PROBE = ProbeStages.PROBE;

    private final String label;
    private final Theatre theatre;
    private final AlertLatencyBench.Params p;
    private final Bus bus;
    private final InMemoryBus memory;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLongArray sent;
    private final AtomicLongArray due;
    private final AtomicLongArray received;
    private final AtomicLongArray returned;
    private final ProbeStages stages;
    private double offered;
    private Map<String, Bus.Subscription> queues = Map.of();
    private CommitCountingLog log;

    ProbeRun(String label, Theatre theatre, AlertLatencyBench.Params p, Bus bus, InMemoryBus memory,
             MeterRegistry meters, Clock clock, ProbeStages stages) {
        this.label = label;
        this.theatre = theatre;
        this.p = p;
        this.bus = bus;
        this.memory = memory;
        this.meters = meters;
        this.clock = clock;
        this.stages = stages;
        int probes = probes(p);
        this.sent = new AtomicLongArray(probes);
        this.due = new AtomicLongArray(probes);
        this.received = new AtomicLongArray(probes);
        this.returned = new AtomicLongArray(probes);
    }

    /** Reports the counts of {@link TailCounts} with these queues (by name) and this log's commits (null: none). */
    ProbeRun counting(Map<String, Bus.Subscription> queues, CommitCountingLog log) {
        this.queues = queues;
        this.log = log;
        return this;
    }

    /** How many probes a run can publish. */
    static int probes(AlertLatencyBench.Params p) {
        return (int) Math.ceil(p.probeRate() * (p.seconds() + p.warmupSeconds())) + 1;
    }

    void run() throws InterruptedException {
        List<Sensor> alarms = theatre.sensors().stream().filter(s -> s.kind().isAlarm()).toList();
        if (alarms.isEmpty()) {
            throw new IllegalStateException("the theatre has no fence, ground or radiation sensor to probe");
        }
        bus.subscribe(Topic.ALERTS, "latency-bench", this::onAlert);
        Instant epoch = clock.instant();
        long start = System.nanoTime() + 200_000_000L;
        long warmEnd = start + p.warmupSeconds() * 1_000_000_000L;
        long end = warmEnd + p.seconds() * 1_000_000_000L;
        List<List<RadarLoad>> byFeed = AlertLatencyBench.loadsByFeed(theatre, p);
        List<RadarFeed> feeds = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < byFeed.size(); i++) {
            RadarFeed f = new RadarFeed(bus, byFeed.get(i), p.chunk(), epoch, start, end, theatre.defaultMarking(),
                    17 + i, p.window());
            if (p.stamp().equals("publish")) {
                f.stampedAtPublish();
            }
            feeds.add(f);
            threads.add(Thread.ofPlatform().name("feed-" + i).start(f));
        }
        offered = feeds.stream().mapToDouble(RadarFeed::rate).sum();
        double clutter = byFeed.stream().flatMap(List::stream).mapToDouble(r -> r.clutterPerScan / r.periodS).sum();
        System.out.printf(Locale.ROOT, "%n== %s: load model %s, offering %.0f plots/s (%.0f clutter) from %d radars "
                        + "(%d real movers) in %d feeds, chunks of %d, stamped at %s time; %.0f probes/s; warm-up %d s, measured %d s%n",
                label, p.load(), offered, clutter, byFeed.stream().mapToInt(List::size).sum(),
                feeds.stream().mapToInt(RadarFeed::movers).sum(), feeds.size(), p.chunk(), p.stamp(), p.probeRate(),
                p.warmupSeconds(), p.seconds());
        Thread probes = Thread.ofPlatform().name("probes").start(() -> probe(alarms, epoch, start, end));
        int maxDepth = 0;
        String deepest = "";
        long warmPublished = -1;
        double warmTracked = 0;
        Map<Long, Long> cpuBefore = Map.of();
        long allocatedBefore = 0;
        long writerBefore = 0;
        double appendedBefore = 0;
        long nextReport = start + 5_000_000_000L;
        TailCounts tail = new TailCounts(meters, feeds, queues, log);
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(50_000_000L);
            if (warmPublished >= 0) {
                tail.sample(System.nanoTime());
            }
            if (warmPublished < 0 && System.nanoTime() >= warmEnd) {
                tail.start(System.nanoTime());
                warmPublished = published(feeds);
                warmTracked = meters.counter("shekara.tracker.detections").count();
                cpuBefore = AlertLatencyBench.threadCpu();
                allocatedBefore = allocated();
                writerBefore = writerAllocated();
                appendedBefore = appended();
            }
            for (Bus.Subscription s : memory.subscriptions()) {
                if (s.queueDepth() > maxDepth && warmPublished >= 0) {
                    maxDepth = s.queueDepth();
                    deepest = s.group();
                }
            }
            if (System.nanoTime() >= nextReport) {
                nextReport += 5_000_000_000L;
                System.out.printf(Locale.ROOT, "  t=%3.0f s published %,d plots, probes answered %d/%d%n",
                        (System.nanoTime() - start) / 1e9, published(feeds), answered(), issued());
            }
        }
        Map<Long, Long> cpuAfter = AlertLatencyBench.threadCpu();
        String tailReport = tail.report();
        long allocatedInWindow = allocated() - allocatedBefore;
        long measuredPublished = published(feeds) - warmPublished;
        System.out.printf(Locale.ROOT, "  allocated in the measured window: %,.0f MB/s, %,.0f bytes per plot taken%n",
                allocatedInWindow / 1e6 / p.seconds(), allocatedInWindow / (double) Math.max(1, measuredPublished));
        if (writerBefore >= 0 && appended() > appendedBefore) {
            System.out.printf(Locale.ROOT, "  store writer thread allocated %,.0f bytes per event appended in the measured window%n",
                    (writerAllocated() - writerBefore) / (appended() - appendedBefore));
        }
        double tracked = meters.counter("shekara.tracker.detections").count() - warmTracked;
        // The tracker's thread: a bus partition on the in-memory bus, the log-order feed on the logged one.
        long trackerCpu = AlertLatencyBench.cpuOf(cpuBefore, cpuAfter, "bus-observations-tracker")
                + AlertLatencyBench.cpuOf(cpuBefore, cpuAfter, "log-order-observations-tracker");
        System.out.printf(Locale.ROOT, "  tracker handled %.0f plots/s in the measured window, using %.2f s of CPU:"
                + " %.0f plots per CPU-second%n", tracked / p.seconds(), trackerCpu / 1e9, tracked / (trackerCpu / 1e9));
        for (Thread t : threads) {
            t.join();
        }
        probes.join();
        long grace = System.nanoTime() + 10_000_000_000L;
        while (answered() < issued() && System.nanoTime() < grace) {
            LockSupport.parkNanos(20_000_000L);
        }
        report(measuredPublished, maxDepth, deepest, AlertLatencyBench.busiestThreads(cpuBefore, cpuAfter,
                p.seconds(), 8));
        System.out.print(tailReport);
    }

    private void probe(List<Sensor> alarms, Instant epoch, long start, long end) {
        for (int n = 0; n < sent.length(); n++) {
            long at = start + (long) (n * 1e9 / p.probeRate());
            long now;
            while ((now = System.nanoTime()) < at) {
                LockSupport.parkNanos(at - now);
            }
            if (now >= end) {
                return;
            }
            Sensor s = alarms.get(n % alarms.size());
            Detection d = new Detection(epoch.plusNanos(at - start), PROBE + n, s.kind(), s.lat(), s.lon(), s.sigmaM(),
                    theatre.defaultMarking());
            due.set(n, at);
            stages.commitsBefore.set(n, stages.commitsFinished.get());
            sent.set(n, System.nanoTime());
            bus.publish(Topic.OBSERVATIONS, s.sector(), d);
            returned.set(n, System.nanoTime());
        }
    }

    private void onAlert(Alert a) {
        long now = System.nanoTime();
        ProbeStages.stamp(received, ProbeStages.probe(a.sensor()), now);
    }

    /** Bytes allocated on the heap by all threads so far (HotSpot's count). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
    }

    /** Bytes the log writer's thread has allocated so far, -1 without one. */
    private static long writerAllocated() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("store-writer")) {
                return mx.getThreadAllocatedBytes(t.threadId());
            }
        }
        return -1;
    }

    private double appended() {
        var c = meters.find("shekara.store.appended").counter();
        return c == null ? 0 : c.count();
    }

    private static long published(List<RadarFeed> feeds) {
        return feeds.stream().mapToLong(RadarFeed::published).sum();
    }

    private int issued() {
        int n = 0;
        while (n < sent.length() && sent.get(n) != 0) {
            n++;
        }
        return n;
    }

    private int answered() {
        int n = 0;
        for (int i = 0; i < received.length(); i++) {
            n += received.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    private void report(long measuredPublished, int maxDepth, String deepest, String threads) {
        int first = (int) Math.ceil(p.probeRate() * p.warmupSeconds());
        int last = issued();
        List<Long> fromPublish = new ArrayList<>();
        List<Long> fromDue = new ArrayList<>();
        List<Long> publishCalls = new ArrayList<>();
        int missing = 0;
        for (int n = first; n < last; n++) {
            if (returned.get(n) != 0) {
                publishCalls.add(returned.get(n) - sent.get(n));
            }
            if (received.get(n) == 0) {
                missing++;
            } else {
                fromPublish.add(received.get(n) - sent.get(n));
                fromDue.add(received.get(n) - due.get(n));
            }
        }
        System.out.printf(Locale.ROOT, "  achieved %.0f plots/s of %.0f offered (%.1f%%) over the measured %d s%n",
                measuredPublished / (double) p.seconds(), offered, 100 * measuredPublished / (offered * p.seconds()),
                p.seconds());
        System.out.printf(Locale.ROOT, "  probes measured %d, no alert within 10 s after the run: %d%n",
                fromPublish.size(), missing);
        System.out.println("  latency publish -> alert:  " + percentiles(fromPublish));
        System.out.println("  latency due time -> alert: " + percentiles(fromDue) + "  (includes publisher waits)");
        System.out.println("  probe publish call:        " + percentiles(publishCalls) + "  (on the logged bus: until the alarm is durable)");
        System.out.printf(Locale.ROOT, "  deepest bus queue after warm-up: %,d events (group %s); tracker updates %,.0f,"
                        + " late plots %,.0f, live tracks %,.0f; rules evaluation mean %.1f us over %,d inputs"
                        + " (%,.0f repeated plots passed by without the desk lock)%n",
                maxDepth, deepest, meters.counter("shekara.tracker.updates").count(),
                meters.counter("shekara.tracker.late").count(), meters.get("shekara.tracker.live").gauge().value(),
                meters.timer("shekara.rules.evaluation").mean(java.util.concurrent.TimeUnit.MICROSECONDS),
                meters.timer("shekara.rules.evaluation").count(), meters.counter("shekara.rules.skipped").count());
        System.out.print(stages.report(first, last, sent, returned, received));
        System.out.print(stages.worst(first, last, sent, received, 8));
        System.out.print("  busiest threads (CPU over the measured window):\n" + threads);
        StringBuilder gc = new StringBuilder();
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.append(String.format(Locale.ROOT, " %s %,d in %,d ms;", b.getName(), b.getCollectionCount(), b.getCollectionTime()));
        }
        System.out.println("  garbage collections, whole run (pauses, except concurrent collectors):" + gc);
        String store = StoreTimes.report(meters);
        if (!store.isEmpty()) {
            System.out.print("  event store, whole run (warm-up included):\n" + store);
        }
    }

    private static String percentiles(List<Long> nanos) {
        return ProbeStages.percentiles(nanos);
    }
}
