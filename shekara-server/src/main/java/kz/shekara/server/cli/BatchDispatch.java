package kz.shekara.server.cli;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.incident.AlertDesk;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;

/**
 * The batch pipeline's dispatch desk, driven as the live server drives it: every track update,
 * alert, incident event and unit position is fed in, and an incident step it decides is carried
 * out through the alert desk, whose incident event goes to the output (and back to the desk, as on
 * the bus). A step the alert desk refuses is skipped, as live. The batch has no operator commands,
 * so no unit is dispatched and the desk puts out nothing; the count of its task steps is kept. Not
 * thread-safe.
 */
final class BatchDispatch {
    /** Where the incident events the alert desk makes of the desk's steps go. */
    interface Sink {
        void events(List<DomainEvent> events) throws IOException;
    }

    private final DispatchDesk desk;
    private final AlertDesk alerts;
    private final Sink sink;
    private long taskSteps;

    BatchDispatch(DispatchDesk desk, AlertDesk alerts, Sink sink) {
        this.desk = desk;
        this.alerts = alerts;
        this.sink = sink;
    }

    void feed(DomainEvent e) throws IOException {
        for (DispatchOutput o : desk.on(e)) {
            switch (o) {
                case DispatchOutput.TaskStep s -> {
                    taskSteps++;
                    // The tasked unit no longer covers its sector: the rules see its new status.
                    sink.events(alerts.onTask(s.task()));
                }
                case DispatchOutput.Acknowledgement a -> {
                    try {
                        sink.events(List.of(alerts.acknowledgeIncident(a.incident(), a.unit(), a.note(), a.time())));
                    } catch (IllegalStateException | NoSuchElementException refused) {
                        continue;
                    }
                }
                case DispatchOutput.IncidentStep i -> {
                    IncidentEvent changed;
                    try {
                        changed = alerts.changeIncident(i.incident(), i.status(), i.unit(), i.by(), i.note(), null,
                                i.time());
                    } catch (IllegalStateException | NoSuchElementException refused) {
                        continue;
                    }
                    sink.events(List.of(changed));
                }
            }
        }
    }

    long taskSteps() {
        return taskSteps;
    }
}
