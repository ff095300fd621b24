package kz.shekara.server.alertdesk;

import java.time.Clock;
import java.util.function.Consumer;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.OperatorCommand;
import kz.shekara.theatre.Posture;

/**
 * Where a {@link RulesService}'s operator commands go when the desk that owns their sector runs on another node
 * (a node whose desk only shows what another node's rules publish): sent on as {@link OperatorCommand}s at the
 * clock's time; with no relay set they are applied where they were given. Thread-safe.
 */
final class CommandRelay {
    private final Clock clock;
    private final Marking marking;
    private volatile Consumer<OperatorCommand> to;

    CommandRelay(Clock clock, Marking marking) {
        this.clock = clock;
        this.marking = marking;
    }

    void to(Consumer<OperatorCommand> relay) {
        this.to = relay;
    }

    /** When commands are relayed: sends this one on (its sector left to the relay) and says so. */
    boolean sent(OperatorCommand.Kind kind, String target, String by, IncidentStatus status, String unit,
                 Disposition disposition, String note, Posture posture) {
        Consumer<OperatorCommand> relay = to;
        if (relay != null) {
            relay.accept(new OperatorCommand(clock.instant(), null, kind, target, null, by, null, status, unit,
                    disposition, note, posture, marking));
        }
        return relay != null;
    }
}
