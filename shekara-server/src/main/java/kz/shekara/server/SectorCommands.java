package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.NoSuchElementException;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Refusal;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.response.ResponseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator commands on a Kafka cluster, carried to the desk that owns their sector. On a node whose alert
 * desk only shows the rules' outputs (an {@code api} node without {@code rules}), {@link #relay} makes the
 * desks send each command (acknowledge, close, incident step, dispatch) on {@link Topic#COMMANDS}, keyed by the sector
 * of its alert or incident as the view knows it (an unknown one is refused there, 404); the rules worker that
 * holds the sector takes it among its inputs ({@link RulesSectors}; a dispatch, {@link ResponseSectors}) and
 * applies it: applied at the
 * command's time as its operator's, the outcome published as usual (so the sending node sees it come back from
 * the outputs). A command the desk refuses (unknown, or a step its lifecycle does not allow, such as an alert
 * already acknowledged) is logged and counted ({@code shekara.commands.refused}); the worker goes on.
 * Thread-safe.
 */
final class SectorCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SectorCommands.class);

    private final RulesService rules;
    private final Counter refused;

    SectorCommands(RulesService rules, MeterRegistry meters) {
        this.rules = rules;
        this.refused = meters.counter("shekara.commands.refused");
    }

    /**
     * Makes the node's desks (the alert desk and the dispatch desk) send their operators' commands to the desks
     * of their sector over {@code bus}.
     */
    static void relay(RulesService rules, ResponseService response, Bus bus) {
        java.util.function.Consumer<OperatorCommand> send = c -> {
            String sector = sectorOf(rules, c);
            bus.publish(Topic.COMMANDS, sector, new OperatorCommand(c.time(), c.kind(), c.target(), sector, c.by(),
                    c.agency(), c.status(), c.unit(), c.disposition(), c.note(), c.marking()));
        };
        rules.relayCommands(send);
        response.relayCommands(send);
    }

    /** The sector of the command's alert or incident in the view; Refusal.NotFound when the view has none. */
    private static String sectorOf(RulesService rules, OperatorCommand c) {
        String sector;
        if (c.kind() == OperatorCommand.Kind.ACKNOWLEDGE || c.kind() == OperatorCommand.Kind.CLOSE) {
            sector = rules.alerts().stream().filter(e -> e.alert().id().equals(c.target())).findFirst()
                    .orElseThrow(() -> new Refusal.NotFound("no alert " + c.target())).alert().sector();
        } else {
            sector = rules.incidents().stream().filter(i -> i.id().equals(c.target())).findFirst()
                    .orElseThrow(() -> new Refusal.NotFound("no incident " + c.target())).sector();
        }
        return sector == null ? "-" : sector;
    }

    /** Applies a command taken from the commands topic (a dispatch is passed by); a refusal is logged and counted. */
    void obey(OperatorCommand c) {
        obey(c, () -> rules.obey(c));
    }

    /** Applies a dispatch taken from the commands topic on the node's dispatch desk; a refusal is counted. */
    void dispatch(ResponseService response, OperatorCommand c) {
        if (c.kind() == OperatorCommand.Kind.DISPATCH) {
            obey(c, () -> response.dispatch(c.target(), c.unit(), c.by(), c.agency(), c.time()));
        }
    }

    private void obey(OperatorCommand c, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
            refused.increment();
            LOG.warn("command {} of {} on {} by {} refused: {}", c.kind(), c.target(), c.sector(), c.by(),
                    e.getMessage());
        }
    }
}
