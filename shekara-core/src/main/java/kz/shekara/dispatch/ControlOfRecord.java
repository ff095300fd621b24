package kz.shekara.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.shekara.model.ControlChange;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * Who holds each unit as one ordered record of control changes gives it, and the rule that makes every reader of
 * that record hold the same, whoever wrote it: a change a crisis made, or one that does not say whom it was made from
 * (logged before transfers said it), takes effect as it comes; a single-unit transfer takes effect only when it was
 * made from the unit's holder as recorded so far (the last change of the unit that took effect, else the unit's own
 * command) — a compare-and-set on the record. On one process the desk decides a transfer on the control it holds,
 * which is the record's; on a cluster two nodes may each record a transfer of one unit from the same holder at the
 * same moment, and the order of the record (one Kafka partition per unit) decides which stands: the first; the other
 * changes nothing. A reader that does not know a unit's own command (no theatre) takes its first transfer as it
 * comes. Not thread-safe.
 */
public final class ControlOfRecord {
    private final Function<String, String> ownCommand;
    /** The last change of each unit that took effect, in the order units were first changed. */
    private final Map<String, ControlChange> last = new LinkedHashMap<>();

    /** The record of the theatre's units, each under its own command until changed. */
    public ControlOfRecord(Theatre theatre) {
        this(u -> theatre.unit(u).map(Unit::command).orElse(null));
    }

    /**
     * @param ownCommand a unit's own command, null when not known (then its first transfer takes effect as it comes)
     */
    public ControlOfRecord(Function<String, String> ownCommand) {
        this.ownCommand = ownCommand;
    }

    /** Why {@code c} would not take effect now; empty when it would. */
    public Optional<String> refusal(ControlChange c) {
        if (c.crisis() != null || c.from() == null) {
            return Optional.empty();
        }
        String holder = holder(c.unit());
        if (holder == null || holder.equals(c.from())) {
            return Optional.empty();
        }
        return Optional.of("unit " + c.unit() + " changed hands meanwhile: now under " + holder
                + ", not " + c.from() + "; not transferred to " + c.command());
    }

    /** Folds {@code c} in when it takes effect (see {@link #refusal}); whether it did. */
    public boolean take(ControlChange c) {
        if (refusal(c).isPresent()) {
            return false;
        }
        last.put(c.unit(), c);
        return true;
    }

    /** The command holding {@code unit} as recorded: its last change's, else its own; null when neither is known. */
    public String holder(String unit) {
        ControlChange c = last.get(unit);
        return c != null ? c.command() : ownCommand.apply(unit);
    }

    /** The last change of each unit that took effect, in the order the units were first changed. */
    public List<ControlChange> changes() {
        return List.copyOf(last.values());
    }

    /** Takes back the last changes a fold of the record left (a snapshot of {@link #changes}), without the rule. */
    public void restore(List<ControlChange> changes) {
        changes.forEach(c -> last.put(c.unit(), c));
    }

    /** Forgets every change: each unit under its own command. */
    public void clear() {
        last.clear();
    }
}
