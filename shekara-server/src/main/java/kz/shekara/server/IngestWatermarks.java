package kz.shekara.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.store.LoggedBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ingest node's live watermarks: every {@code every} of wall-clock time, on every observations partition, a
 * watermark tagged with the node's id ({@link kz.shekara.server.kafka.EventRecords#watermark(String, int, Instant,
 * String)}): its clock less the feeds' allowed delay, the bound its CoT inputs already put on a report's time (a
 * report further than {@code cot.maxClockSkew} from its receive time is placed at the receive time, so none is placed
 * earlier than its receive time less that). The trackers take the least over the producers they know (see
 * {@code kafka.ProducerWatermarks}), so a partition this node writes nothing to (a sector quiet at night) still moves
 * on and its neighbours need not wait the hand-over patience for it.
 *
 * <p>A watermark is written only at a moment when the node's event log has handed on everything it was given
 * before the clock was read ({@link LoggedBus#pendingCount()} 0): every report the node accepted before then is
 * with the Kafka producer ahead of the watermark (the producer keeps a partition's order), and every report accepted
 * after is placed no earlier than the watermark. A report placed before the clock was read and handed to the log
 * just after (microseconds) may come after a watermark a little later than its time: the trackers' reorder window
 * (2 s) takes it in its place. While the log holds events back (the store refusing writes), no watermark is
 * written. Thread-safe: one thread of its own.
 */
final class IngestWatermarks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWatermarks.class);
    /** How often an ingest node writes its watermarks. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private final KafkaBus bus;
    private final LoggedBus log;
    private final Clock clock;
    private final Duration delay;
    private final String producer;
    private final int partitions;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long written;

    private IngestWatermarks(KafkaBus bus, LoggedBus log, Clock clock, Duration delay, String producer, int partitions) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.partitions = partitions;
        this.thread = Thread.ofPlatform().daemon().name("ingest-watermarks").unstarted(this::run);
    }

    /**
     * Starts writing the watermarks of producer {@code producer} (the node's id) on the {@code partitions}
     * observations partitions, {@code delay} behind {@code clock}; the first round at once.
     */
    static IngestWatermarks start(KafkaBus bus, LoggedBus log, Clock clock, Duration delay, String producer,
                                  int partitions) {
        IngestWatermarks w = new IngestWatermarks(bus, log, clock, delay, producer, partitions);
        w.thread.start();
        return w;
    }

    /** Rounds of watermarks written. */
    long written() {
        return written;
    }

    private void run() {
        while (!closed) {
            long next = System.nanoTime() + EVERY.toNanos();
            try {
                Instant now = clock.instant();
                if (log.awaitHandedOn(Duration.ofNanos(Math.max(0, next - System.nanoTime()))) && !closed) {
                    Instant reached = now.minus(delay);
                    for (int p = 0; p < partitions; p++) {
                        bus.watermark(Topic.OBSERVATIONS, p, reached, producer);
                    }
                    written++;
                }
                long left = next - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("ingest watermarks of {} not written: {}", producer, e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
