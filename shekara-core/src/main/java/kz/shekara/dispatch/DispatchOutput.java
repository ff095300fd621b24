package kz.shekara.dispatch;

import java.time.Instant;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Task;

/**
 * What the {@link DispatchDesk} decided, for its caller to carry out in order: a task step to
 * publish, a crew's acknowledgement to put on its incident's timeline, or an incident to move on through the alert desk (which owns incidents and may refuse:
 * an operator may have moved it on already, and then the task step stands). Immutable.
 */
public sealed interface DispatchOutput {

    /** A step of a task, already applied to the desk; {@code sector} is its incident's (null when none). */
    record TaskStep(Task task, String sector) implements DispatchOutput {
    }

    /**
     * An incident to move to {@code status} at event time {@code time}, by {@code by}, with the unit
     * its task names ({@code note} names the task).
     */
    record IncidentStep(String incident, IncidentStatus status, String unit, String by, String note, Instant time)
            implements DispatchOutput {
    }

    /**
     * The crew of {@code unit} acknowledged its task on the incident at event time {@code time}: a
     * step of the incident's timeline that leaves its status as it is ({@code note} names the task).
     */
    record Acknowledgement(String incident, String unit, String note, Instant time) implements DispatchOutput {
    }
}
