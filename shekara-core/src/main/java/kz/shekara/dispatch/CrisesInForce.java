package kz.shekara.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.model.CrisisEvent;

/**
 * The crises in force, folded from crisis events in the order they were recorded, and those ended. The rule
 * that makes every reader of one ordered record of them hold the same crises, whoever wrote them: a declaration
 * takes effect unless a crisis is in force for its command already, an end unless its crisis is not in force
 * (ended already, or never declared); an event that does not take effect changes nothing. On one process the
 * desk refuses such an event before it is recorded; on a cluster two nodes may record one each at the same
 * moment, and the order of the record (one Kafka partition per command) decides which stands. Not thread-safe.
 */
public final class CrisesInForce {
    private final Map<String, CrisisEvent> inForce = new LinkedHashMap<>();
    private final Map<String, CrisisEvent> ended = new LinkedHashMap<>();

    /** Why {@code e} would not take effect now; empty when it would. */
    public Optional<String> refusal(CrisisEvent e) {
        if (e.status() == CrisisEvent.Status.DECLARED) {
            return forCommand(e.command()).map(c -> "crisis " + c.crisis() + " is in force for " + e.command()
                    + " already");
        }
        if (inForce.containsKey(e.crisis())) {
            return Optional.empty();
        }
        CrisisEvent end = ended.get(e.crisis());
        return Optional.of(end == null ? "no crisis " + e.crisis() + " in force"
                : "crisis " + e.crisis() + " was ended at " + end.time() + " by " + end.by());
    }

    /** Folds {@code e} in when it takes effect (see {@link #refusal}); whether it did. */
    public boolean take(CrisisEvent e) {
        if (refusal(e).isPresent()) {
            return false;
        }
        if (e.status() == CrisisEvent.Status.DECLARED) {
            ended.remove(e.crisis());
            inForce.put(e.crisis(), e);
        } else {
            inForce.remove(e.crisis());
            ended.put(e.crisis(), e);
        }
        return true;
    }

    /** The crisis in force for {@code command}, if any. */
    public Optional<CrisisEvent> forCommand(String command) {
        return inForce.values().stream().filter(c -> c.command().equals(command)).findFirst();
    }

    /** The declaration of crisis {@code id} when it is in force, else its end when it was ended. */
    public Optional<CrisisEvent> find(String id) {
        CrisisEvent c = inForce.get(id);
        return Optional.ofNullable(c != null ? c : ended.get(id));
    }

    /** The crises in force (their declarations), oldest first. */
    public List<CrisisEvent> list() {
        return List.copyOf(inForce.values());
    }

    /** Forgets every crisis, in force and ended. */
    public void clear() {
        inForce.clear();
        ended.clear();
    }
}
