package kz.shekara.server;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import kz.shekara.model.AlertState;
import kz.shekara.model.CommandOutcome;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Refusal;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.ReadBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of the commands an {@code api} node relays to the desks that own their sectors
 * ({@link SectorCommands}), so that its operator gets the answer a node running the desk would give: the command's
 * sender waits (at most {@code wait}) for the owning desk's {@link CommandOutcome}. A refusal is thrown as the
 * {@link Refusal} the desk gave, with its reason (HTTP 404, 409 or 400 at the edge, as on the owning node); an applied
 * command is answered once the node's own view shows it (the view reads the desk's outputs on consumers of its own,
 * which may trail the outcome by a few records; each change of it wakes the sender, {@link #viewMoved}), or when the
 * wait is over. With no outcome within the wait (the
 * owning worker away, a partition moving) the sender answers with the view as it is and the command stays on its
 * topic for the desk that takes the sector: counted as {@code shekara.commands.unanswered}. Thread-safe.
 */
final class CommandOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(CommandOutcomes.class);
    /** Notified at each change of the node's view ({@link #viewMoved}); an applied command's sender waits on it. */
    private final Object view = new Object();

    private final ReadBack<String, CommandOutcome> outcomes;
    private final Predicate<OperatorCommand> shown;
    private final Duration wait;

    /**
     * @param shown whether the node's view shows an applied command's change
     * @param wait  the longest an operator's request waits for the outcome and then for the view
     */
    CommandOutcomes(Predicate<OperatorCommand> shown, Duration wait, io.micrometer.core.instrument.MeterRegistry meters) {
        this.shown = shown;
        this.wait = wait;
        this.outcomes = new ReadBack<>(wait, meters.counter("shekara.commands.unanswered"), false);
    }

    /** Outcomes for the desks of {@code rules}: what its view shows of each kind of command. */
    static CommandOutcomes of(RulesService rules, Duration wait, io.micrometer.core.instrument.MeterRegistry meters) {
        return new CommandOutcomes(c -> switch (c.kind()) {
            case ACKNOWLEDGE -> rules.alerts().stream().anyMatch(e -> e.alert().id().equals(c.target())
                    && e.state() != AlertState.RAISED);
            case CLOSE -> rules.alerts().stream().anyMatch(e -> e.alert().id().equals(c.target())
                    && e.state() == AlertState.CLOSED);
            case INCIDENT_STATUS -> rules.incidents().stream().noneMatch(i -> i.id().equals(c.target())
                    && !i.status().terminal() && i.status().ordinal() < c.status().ordinal());
            case POSTURE -> c.posture() == rules.postures().get(c.target());
            case DISPATCH -> true; // answered as relayed: the task comes back on the tasks topic
        }, wait, meters);
    }

    /** An outcome from the cluster: answers the request waiting for it, if this node sent the command. */
    void take(CommandOutcome outcome) {
        outcomes.answer(outcome.command(), outcome);
    }

    /** Sends {@code command} ({@code send}) and waits for its outcome as the class says. */
    void await(OperatorCommand command, Runnable send) {
        long end = System.nanoTime() + wait.toNanos();
        java.util.Optional<CommandOutcome> o = outcomes.await(command.id(), send);
        if (o.isEmpty()) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.info("command {} {} of {} on {}: no outcome within {}; the view answers", command.id(),
                        command.kind(), command.target(), command.sector(), wait);
            }
            return;
        }
        if (!o.get().applied()) {
            throw refusal(o.get());
        }
        try {
            synchronized (view) {
                for (long left = end - System.nanoTime(); !shown.test(command) && left > 0;
                     left = end - System.nanoTime()) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(view, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The node's view took an output of the desks: a sender waiting for it to show its command looks again. */
    void viewMoved() {
        synchronized (view) {
            view.notifyAll();
        }
    }

    /** The code of a desk's refusal: its own, or that of the JDK exception it extends. */
    static String code(RuntimeException e) {
        if (e instanceof Refusal r) {
            return r.code();
        }
        return e instanceof NoSuchElementException ? "not-found" : e instanceof IllegalArgumentException ? "invalid"
                : "conflict";
    }

    private static RuntimeException refusal(CommandOutcome o) {
        return switch (o.refusal()) {
            case "not-found" -> new Refusal.NotFound(o.reason());
            case "invalid" -> new Refusal.Invalid(o.reason());
            default -> new Refusal.Conflict(o.reason());
        };
    }
}
