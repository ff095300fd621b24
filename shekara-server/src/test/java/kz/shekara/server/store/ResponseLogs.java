package kz.shekara.server.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Topic;

/** Writes events into a real event log under the topics the server publishes them on. */
public final class ResponseLogs {
    private ResponseLogs() {
    }

    /** Appends the events, in order, to the default SQLite log in {@code dataDir}. */
    public static void write(Path dataDir, List<DomainEvent> events) {
        try (EventLog log = EventLogs.open(null, dataDir, StoreConfig.defaults())) {
            log.append(entries(events));
        }
    }

    public static List<LogEntry> entries(List<DomainEvent> events) {
        List<LogEntry> out = new ArrayList<>();
        for (DomainEvent e : events) {
            out.add(switch (e) {
                case TrackUpdate t -> new LogEntry(Topic.TRACKS.name(), t.sector(), t);
                case Alert a -> new LogEntry(Topic.ALERTS.name(), a.sector(), a);
                case IncidentEvent i -> new LogEntry(Topic.INCIDENTS.name(), i.sector(), i);
                default -> throw new IllegalArgumentException("not a response event: " + e);
            });
        }
        return out;
    }
}
