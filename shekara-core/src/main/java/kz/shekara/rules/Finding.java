package kz.shekara.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.SortedSet;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;

/**
 * What a rule found, before de-duplication: the engine turns it into an {@link kz.shekara.model.Alert}
 * unless an alert with the same {@code key} is still active. The key names the rule, zone and
 * subject (track, sensor, unit or sector) — one alert per key until the rule resets it. {@code detail}
 * is the finding in English, {@code facts} the same structured.
 */
public record Finding(String key, Instant time, RuleKind rule, Severity severity, String sector, String zone,
                      String track, String sensor, String unit, double lat, double lon, SortedSet<String> sensors,
                      String detail, Marking marking, AlertFacts facts) {
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(facts, "facts");
    }
}
