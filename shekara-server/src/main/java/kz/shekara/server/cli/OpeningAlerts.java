package kz.shekara.server.cli;

import java.util.HashMap;
import java.util.Map;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;

/**
 * Each incident's opening alert, folded from logged events in log order: alerts are kept by id until
 * an incident opens on one. Not thread-safe.
 */
final class OpeningAlerts {
    private final Map<String, Alert> alerts = new HashMap<>();
    private final Map<String, Alert> byIncident = new HashMap<>();

    void add(DomainEvent e) {
        switch (e) {
            case Alert a -> alerts.put(a.id(), a);
            case IncidentEvent i when i.change() == IncidentEvent.Change.OPENED && i.alert() != null -> {
                Alert a = alerts.get(i.alert());
                if (a != null) {
                    byIncident.putIfAbsent(i.incident(), a);
                }
            }
            default -> {
            }
        }
    }

    /** The opening alert by incident id (incidents whose alert the log does not hold are left out). */
    Map<String, Alert> byIncident() {
        return Map.copyOf(byIncident);
    }
}
