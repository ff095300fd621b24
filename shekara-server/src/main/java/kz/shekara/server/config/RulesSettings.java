package kz.shekara.server.config;

import java.util.Objects;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.rules.RulesConfig;

/** A theatre's rules and incident grouping, as read from its rules.yaml; validated, immutable. */
public record RulesSettings(RulesConfig rules, IncidentConfig incidents) {
    public RulesSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(incidents, "incidents");
    }

    public static RulesSettings defaults() {
        return new RulesSettings(RulesConfig.defaults(), IncidentConfig.defaults());
    }
}
