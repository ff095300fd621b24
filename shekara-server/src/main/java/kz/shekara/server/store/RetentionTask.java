package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link RetentionPolicy} to the event log every {@code interval}: high-rate topics older
 * than {@code fullRateFor} (counted back from the clock's now) are thinned to one event per entity per
 * bucket; nothing else is deleted. Thread-safe; one background thread while started.
 */
public final class RetentionTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);
    private final EventLog log;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final Counter deleted;
    private ScheduledExecutorService timer;

    public RetentionTask(EventLog log, RetentionPolicy policy, Clock clock, MeterRegistry registry) {
        this.log = log;
        this.policy = policy;
        this.clock = clock;
        this.deleted = Counter.builder("shekara.store.retention.deleted")
                .description("high-rate events removed by downsampling").register(registry);
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("store-retention").daemon().unstarted(r));
        long every = policy.interval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Thins the history now; returns the number of events deleted. */
    public long runOnce() {
        Instant before = clock.instant().minus(policy.fullRateFor());
        long n = log.downsample(policy.downsampledTopics(), before, policy.bucket());
        deleted.increment(n);
        if (n > 0) {
            LOG.info("retention: thinned {} high-rate events older than {}", n, before);
        }
        return n;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("retention run failed (will retry): {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
