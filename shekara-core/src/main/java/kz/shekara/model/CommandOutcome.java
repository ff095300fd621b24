package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the desk that owns a sector made of an {@link OperatorCommand} sent to it from another node: applied
 * ({@code refusal} and {@code reason} null), or refused: {@code refusal} is the refusal's code as {@link Refusal}
 * names it ({@code not-found}, {@code conflict}, {@code invalid}) and {@code reason} the desk's sentence, the same a
 * refusal on the node itself answers. {@code command} is the command's id, {@code kind} and {@code target} repeat
 * what it asked. Published once the command's changes are, so the sending node can answer its operator with the
 * outcome. Immutable.
 */
public record CommandOutcome(Instant time, String command, OperatorCommand.Kind kind, String target, String sector,
                             String by, String refusal, String reason, Marking marking) implements DomainEvent {
    public CommandOutcome {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(marking, "marking");
        if ((refusal == null) != (reason == null)) {
            throw new IllegalArgumentException("an outcome is applied, or refused with a code and a reason");
        }
    }

    /** Whether the desk applied the command. */
    public boolean applied() {
        return refusal == null;
    }

    /** The outcome of {@code c} at {@code time}: applied (both null), or refused with a code and the desk's reason. */
    public static CommandOutcome of(OperatorCommand c, Instant time, String refusal, String reason) {
        return new CommandOutcome(time, c.id(), c.kind(), c.target(), c.sector(), c.by(), refusal, reason, c.marking());
    }
}
