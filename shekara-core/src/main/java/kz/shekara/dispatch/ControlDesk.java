package kz.shekara.dispatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
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
 * caller publishes it and feeds the {@link DispatchDesk} the control changes. On a cluster a crisis is
 * first made ({@link #declaration}, {@link #ending}), recorded, and {@linkplain #take taken} in the
 * record's order by every node ({@link CrisesInForce}); so is a transfer ({@link #transferral}), which
 * takes effect only when the record still has the unit under the command it was made from
 * ({@link ControlOfRecord}). Time comes only from the arguments. Not
 * thread-safe: one thread at a time (the live service holds a lock).
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
    private final CrisesInForce crises = new CrisesInForce();

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

    /**
     * Folds a crisis event in as {@link CrisesInForce#take} does (its control changes come on their own); whether
     * it took effect.
     */
    public boolean onCrisis(CrisisEvent e) {
        return crises.take(e);
    }

    /** Forgets every crisis (in force and ended), for a reader that folds them again from the start of their record. */
    public void forgetCrises() {
        crises.clear();
    }

    /** The command holding a unit now: the last change's, or its own. */
    public String holder(String unit) {
        ControlChange c = control.get(unit);
        return c != null ? c.command() : ownCommand(unit);
    }

    /** A unit's own command, as the theatre defines it; null for an unknown unit. */
    public String ownCommand(String unit) {
        return theatre.unit(unit).map(Unit::command).orElse(null);
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
        return crises.list();
    }

    /** Crisis {@code id}: its declaration while in force, its end once ended; empty for one never seen. */
    public Optional<CrisisEvent> crisis(String id) {
        return crises.find(id);
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
        ControlChange c = transferral(unitId, command, by, agency, reason, time);
        onControl(c);
        return c;
    }

    /**
     * The change {@link #transfer} would make, refused as it refuses, without applying it: a node of a cluster
     * records it first and applies it once the record's order has it take effect ({@link ControlOfRecord}). It
     * says whom it was made from: the unit's holder now.
     */
    public ControlChange transferral(String unitId, String command, String by, String agency, String reason,
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
        return new ControlChange(time, unit.id(), to.id(), holder, by, reason, null,
                marking(to.agency(), agencyOf(holder).orElse(home)));
    }

    /**
     * Declares a crisis for {@code command} at {@code time}: every unit of it passes under {@code to}.
     *
     * @throws Refusal.Invalid when a command is not defined, {@code command} is not the home agency's,
     *                         {@code to} is, or the reason or who is missing
     * @throws Refusal.Conflict when a crisis is in force for the command already
     */
    public Outcome declare(String command, String to, String by, String reason, Instant time) {
        return take(declaration(command, to, by, reason, time));
    }

    /**
     * The declaration {@link #declare} would make, refused as it refuses, without taking it: a node of a cluster
     * records it first and {@linkplain #take takes} it in the record's order.
     */
    public CrisisEvent declaration(String command, String to, String by, String reason, Instant time) {
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
        String id = command + "-" + ID_TIME.format(time);
        CrisisEvent event = new CrisisEvent(time, id, CrisisEvent.Status.DECLARED, command, to, by, reason,
                marking(taker.agency(), home));
        crises.refusal(event).ifPresent(why -> {
            throw new Refusal.Conflict(why);
        });
        return event;
    }

    /**
     * Ends a crisis at {@code time}: its command's units still under the crisis's command by the
     * crisis's doing return to their own command; a unit transferred on its own since stays.
     *
     * @throws Refusal.NotFound when no such crisis was declared
     * @throws Refusal.Conflict when it was ended already
     * @throws Refusal.Invalid when who ends it is missing
     */
    public Outcome end(String crisis, String by, String reason, Instant time) {
        return take(ending(crisis, by, reason, time));
    }

    /**
     * The end {@link #end} would make, refused as it refuses (and with a conflict when the crisis was ended
     * already), without taking it: see {@link #declaration}.
     */
    public CrisisEvent ending(String crisis, String by, String reason, Instant time) {
        required(by, "who ends the crisis");
        CrisisEvent declared = crises.find(crisis).orElseThrow(() -> new Refusal.NotFound("no crisis " + crisis
                + " in force"));
        String why = reason == null || reason.isBlank() ? "crisis " + crisis + " ended" : reason;
        CrisisEvent event = new CrisisEvent(time, crisis, CrisisEvent.Status.ENDED, declared.command(), declared.to(),
                by, why, declared.marking());
        crises.refusal(event).ifPresent(refused -> {
            throw new Refusal.Conflict(refused);
        });
        return event;
    }

    /**
     * Takes a crisis declared or ended: the event and the control changes it makes now, in theatre unit order
     * (a declaration hands every unit of its command to the crisis's command; an end hands back those still
     * there by the crisis's doing), both applied here.
     *
     * @throws Refusal.Conflict when the event does not take effect (see {@link CrisesInForce#refusal})
     */
    public Outcome take(CrisisEvent e) {
        return take(e, false);
    }

    /**
     * As {@link #take}, for a crisis event another node made and recorded, read here from the record (whose
     * control changes travel on a record of their own, read in no common order with it): a declaration leaves a
     * unit whose last change is not older than it (its own change, read first, or a later one).
     */
    public Outcome takeRecorded(CrisisEvent e) {
        return take(e, true);
    }

    private Outcome take(CrisisEvent e, boolean recorded) {
        crises.refusal(e).ifPresent(why -> {
            throw new Refusal.Conflict(why);
        });
        List<ControlChange> changes = new ArrayList<>();
        for (Unit u : theatre.units()) {
            if (!e.command().equals(u.command())) {
                continue;
            }
            ControlChange last = control.get(u.id());
            if (e.status() == CrisisEvent.Status.DECLARED) {
                if (recorded && last != null && !last.time().isBefore(e.time())) {
                    continue;
                }
                changes.add(new ControlChange(e.time(), u.id(), e.to(), e.by(), e.reason(), e.crisis(), e.marking()));
            } else if (last != null && e.crisis().equals(last.crisis()) && last.command().equals(e.to())) {
                changes.add(new ControlChange(e.time(), u.id(), u.command(), e.by(), e.reason(), e.crisis(),
                        e.marking()));
            }
        }
        crises.take(e);
        changes.forEach(this::onControl);
        return new Outcome(e, changes);
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
