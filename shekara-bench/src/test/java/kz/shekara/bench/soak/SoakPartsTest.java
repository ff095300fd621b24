package kz.shekara.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The soak's own bookkeeping: reading the server's metrics (alerts per rule, CoT rejections per reason)
 * and the devices' estimate of the exercise clock, which must never run back (a device's reports are
 * refused when older than its last).
 */
class SoakPartsTest {
    private static final String METRICS = """
            # HELP shekara_rules_alerts_total
            # TYPE shekara_rules_alerts_total counter
            shekara_rules_alerts_total{rule="sensor-silent"} 12.0
            shekara_rules_alerts_total{rule="approach"} 3.0
            shekara_adapter_rejections_total{adapter="cot",reason="garbage"} 5.0
            shekara_adapter_rejections_total{adapter="cot",reason="truncated"} 2.0
            shekara_adapter_rejections_total{adapter="jsonl",reason="garbage"} 7.0
            shekara_store_up 1.0
            """;

    @Test
    void readsAlertsPerRuleAndRejectionsPerReasonOfOneAdapter() {
        Map<String, Double> m = SoakApi.parseMetrics(METRICS);
        assertThat(SoakApi.byLabel(m, "shekara_rules_alerts_total", "rule"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("sensor-silent", 12.0, "approach", 3.0));
        assertThat(SoakApi.sum(m, "shekara_rules_alerts_total", "")).isEqualTo(15.0);
        assertThat(SoakApi.sum(m, "shekara_adapter_rejections_total", "adapter=\"cot\"")).isEqualTo(7.0);
        assertThat(SoakApi.byLabel(m, "shekara_adapter_rejections_total", "reason"))
                .containsEntry("garbage", 12.0).containsEntry("truncated", 2.0);
        assertThat(m).containsEntry("shekara_store_up", 1.0).hasSize(6);
    }

    @Test
    void theExerciseTimeEstimateRunsAtTheSpeedAndNeverBack() throws InterruptedException {
        ExerciseTime time = new ExerciseTime(10);
        Instant start = Instant.parse("2026-03-14T06:30:00Z");
        time.observe(start);
        Thread.sleep(200);
        Instant later = time.now();
        assertThat(later).as("ten exercise seconds per wall second").isAfterOrEqualTo(start.plusSeconds(2));
        time.observe(start.plusSeconds(1)); // a picture time read late, behind the running estimate
        assertThat(time.now()).isAfterOrEqualTo(later);
        time.observe(later.plus(Duration.ofMinutes(5)));
        assertThat(time.now()).isAfterOrEqualTo(later.plus(Duration.ofMinutes(5)));
    }
}
