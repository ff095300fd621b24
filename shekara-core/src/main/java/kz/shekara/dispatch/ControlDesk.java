package kz.shekara.dispatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Refusal;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * Who holds operational control of each unit and the crises in force, and the rules for changing
 * them. A single-unit transfer goes to a command the theatre defines, with a reason, and is made by
 * the agency that holds the unit now. A crisis is declared for a command of the home agency and
 * hands all its units to a command of another agency (the defence ministry's); ending it hands back
 * the units still under that command by the crisis's doing, while a unit transferred on its own
 * since stays where it was put. Each method returns what it decided, already applied here; the
 * caller publishes it and feeds the {@link DispatchDesk} the control changes. Time comes only from
 * the arguments. Not thread-safe: one thread at a time (the live service holds a lock).
 */
public final class ControlDesk {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A crisis declared or ended and the control changes it made, in theatre unit order. */
    public record Outcome(CrisisEvent event, List<ControlChange> changes) {
        public Outcome {
            changes = List.copyOf(changes);
        }
    }

    private final Theatre theatre;
    private final String home;
    private final Map<String, ControlChange> control = new HashMap<>();
    private final Map<String, CrisisEvent> inForce = new LinkedHashMap<>();

    public ControlDesk(Theatre theatre) {
        this.theatre = theatre;
        this.home = theatre.defaultMarking().originator();
    }

    /** Takes back the crises in force (their declarations) and the units' latest control changes, oldest first. */
    public void restore(List<CrisisEvent> crises, List<ControlChange> controls) {
        crises.forEach(this::onCrisis);
        controls.forEach(this::onControl);
    }

    public void onControl(ControlChange c) {
        control.put(c.unit(), c);
    }

    public void onCrisis(CrisisEvent e) {
        if (e.status() == CrisisEvent.Status.DECLARED) {
            inForce.put(e.crisis(), e);
        } else {
            inForce.remove(e.crisis());
        }
    }

    /** The command holding a unit now: the last change's, or its own. */
    public String holder(String unit) {
        ControlChange c = control.get(unit);
        return c != null ? c.command() : theatre.unit(unit).map(Unit::command).orElse(null);
    }

    /** The agency of a command the theatre defines; empty for an unknown one. */
    public Optional<String> agencyOf(String command) {
        return theatre.command(command).map(Command::agency);
    }

    /** The unit's last control change, if it was ever changed. */
    public Optional<ControlChange> lastChange(String unit) {
        return Optional.ofNullable(control.get(unit));
    }

    /** The crises in force, oldest first (their declarations). */
    public List<CrisisEvent> crises() {
        return List.copyOf(inForce.values());
    }

    /**
     * Hands one unit to a command at {@code time}.
     *
     * @param agency the agency of who transfers it: it must hold the unit now
     * @throws Refusal.NotFound when there is no such unit
     * @throws Refusal.Invalid when the command is not defined in the theatre, or the reason or who is missing
     * @throws Refusal.Conflict when the unit is under the control of another agency than the caller's
     */
    public ControlChange transfer(String unitId, String command, String by, String agency, String reason,
                                  Instant time) {
        Unit unit = theatre.unit(unitId).orElseThrow(() -> new Refusal.NotFound("no unit " + unitId));
        required(by, "who transfers the unit");
        required(reason, "the reason for the transfer");
        Command to = defined(command, "command");
        String holder = holder(unit.id());
        if (!agencyOf(holder).map(agency::equals).orElse(home.equals(agency))) {
            throw new Refusal.Conflict("unit " + unitId + " is under the operational control of " + holder
                    + ", not of a command of " + agency);
        }
        ControlChange c = new ControlChange(time, unit.id(), to.id(), by, reason, null,
                marking(to.agency(), agencyOf(holder).orElse(home)));
        onControl(c);
        return c;
    }

    /**
     * Declares a crisis for {@code command} at {@code time}: every unit of it passes under {@code to}.
     *
     * @throws Refusal.Invalid when a command is not defined, {@code command} is not the home agency's,
     *                         {@code to} is, or the reason or who is missing
     * @throws Refusal.Conflict when a crisis is in force for the command already
     */
    public Outcome declare(String command, String to, String by, String reason, Instant time) {
        required(by, "who declares the crisis");
        required(reason, "the reason for the crisis");
        Command from = defined(command, "command");
        Command taker = defined(to, "to");
        if (!home.equals(from.agency())) {
            throw new Refusal.Invalid("command " + command + " is not a command of " + home);
        }
        if (home.equals(taker.agency())) {
            throw new Refusal.Invalid("command " + to + " is a command of " + home
                    + ": a crisis hands control to another agency's command");
        }
        for (CrisisEvent e : inForce.values()) {
            if (e.command().equals(command)) {
                throw new Refusal.Conflict("crisis " + e.crisis() + " is in force for " + command + " already");
            }
        }
        String id = command + "-" + ID_TIME.format(time);
        Marking marking = marking(taker.agency(), home);
        CrisisEvent event = new CrisisEvent(time, id, CrisisEvent.Status.DECLARED, command, to, by, reason, marking);
        List<ControlChange> changes = new ArrayList<>();
        for (Unit u : theatre.units()) {
            if (command.equals(u.command())) {
                changes.add(new ControlChange(time, u.id(), to, by, reason, id, marking));
            }
        }
        onCrisis(event);
        changes.forEach(this::onControl);
        return new Outcome(event, changes);
    }

    /**
     * Ends a crisis at {@code time}: its command's units still under the crisis's command by the
     * crisis's doing return to their own command; a unit transferred on its own since stays.
     *
     * @throws Refusal.NotFound when no such crisis is in force
     * @throws Refusal.Invalid when who ends it is missing
     */
    public Outcome end(String crisis, String by, String reason, Instant time) {
        required(by, "who ends the crisis");
        CrisisEvent declared = inForce.get(crisis);
        if (declared == null) {
            throw new Refusal.NotFound("no crisis " + crisis + " in force");
        }
        String why = reason == null || reason.isBlank() ? "crisis " + crisis + " ended" : reason;
        CrisisEvent event = new CrisisEvent(time, crisis, CrisisEvent.Status.ENDED, declared.command(), declared.to(),
                by, why, declared.marking());
        List<ControlChange> changes = new ArrayList<>();
        for (Unit u : theatre.units()) {
            ControlChange last = control.get(u.id());
            if (declared.command().equals(u.command()) && last != null && crisis.equals(last.crisis())
                    && last.command().equals(declared.to())) {
                changes.add(new ControlChange(time, u.id(), u.command(), by, why, crisis, declared.marking()));
            }
        }
        onCrisis(event);
        changes.forEach(this::onControl);
        return new Outcome(event, changes);
    }

    private Command defined(String id, String field) {
        required(id, "'" + field + "'");
        return theatre.command(id).orElseThrow(() -> new Refusal.Invalid(
                "command '" + id + "' is not defined in the theatre (" + field + ")"));
    }

    private static void required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new Refusal.Invalid(what + " must be given");
        }
    }

    /** The theatre's default marking, releasable also to the agencies concerned (the old and new holders'). */
    private Marking marking(String... concerned) {
        Marking m = theatre.defaultMarking();
        TreeSet<String> to = new TreeSet<>(m.releasableTo());
        for (String a : concerned) {
            if (!m.releasableTo(a)) {
                to.add(a);
            }
        }
        return to.size() == m.releasableTo().size() ? m : new Marking(m.classification(), m.originator(), to,
                m.exercise());
    }
}
