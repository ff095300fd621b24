package kz.shekara.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The event store's timers in a bench run ({@code shekara.store.write}, {@code .commit},
 * {@code .checkpoint}): kept over the whole run, with counts above 5, 10, 20 and 50 ms, so a run's
 * commit-duration distribution can be read beside its latency figures.
 */
final class StoreTimes {
    private static final String[] TIMERS = {"shekara.store.write", "shekara.store.commit", "shekara.store.checkpoint"};

    private StoreTimes() {
    }

    /** Makes the store's timers keep the whole run (no decay) with fixed buckets; before they are registered. */
    static void configure(MeterRegistry meters) {
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("shekara.store.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.9, 0.99, 0.999)
                        .serviceLevelObjectives(ms(5), ms(10), ms(20), ms(50))
                        .expiry(Duration.ofHours(1)).bufferLength(1)
                        .build().merge(config);
            }
        });
    }

    private static double ms(int ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** One line per store timer registered: count, percentiles, max, counts above the buckets. */
    static String report(MeterRegistry meters) {
        StringBuilder sb = new StringBuilder();
        for (String name : TIMERS) {
            Timer t = meters.find(name).timer();
            if (t == null || t.count() == 0) {
                continue;
            }
            HistogramSnapshot s = t.takeSnapshot();
            sb.append(String.format(Locale.ROOT, "    %-26s n=%,d mean %.2f ms", name, s.count(), s.mean(TimeUnit.MILLISECONDS)));
            for (ValueAtPercentile v : s.percentileValues()) {
                sb.append(String.format(Locale.ROOT, ", p%s %.2f ms", trim(v.percentile() * 100), v.value(TimeUnit.MILLISECONDS)));
            }
            sb.append(String.format(Locale.ROOT, ", max %.1f ms;", s.max(TimeUnit.MILLISECONDS)));
            for (CountAtBucket b : s.histogramCounts()) {
                sb.append(String.format(Locale.ROOT, " >%.0f ms: %.0f", b.bucket(TimeUnit.MILLISECONDS), s.count() - b.count()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
