package kz.shekara.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.NoSuchElementException;
import java.util.UUID;
import kz.shekara.model.CommandOutcome;
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
 * desks send each command (acknowledge, close, incident step, dispatch, sector posture) on {@link Topic#COMMANDS},
 * keyed by the sector of its alert, incident or posture as the view knows it (an unknown one is refused there,
 * 404), and wait for its outcome ({@link CommandOutcomes}). The rules worker that holds the sector takes it among
 * its inputs ({@link RulesSectors}; a dispatch, {@link ResponseSectors}) and {@link #obey}s it: applied at the
 * command's time as its operator's, the changes published as usual, then a {@link CommandOutcome} on
 * {@link Topic#COMMAND_OUTCOMES}: applied, or refused (unknown, or a step its lifecycle does not allow, such as
 * an alert already acknowledged), which is also logged and counted ({@code shekara.commands.refused}); the worker
 * goes on. Thread-safe.
 */
final class SectorCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SectorCommands.class);

    private final RulesService rules;
    private final Bus bus;
    private final Counter refused;

    /** @param bus where the outcomes of the commands this node obeys are published */
    SectorCommands(RulesService rules, Bus bus, MeterRegistry meters) {
        this.rules = rules;
        this.bus = bus;
        this.refused = meters.counter("shekara.commands.refused");
    }

    /**
     * Makes the node's desks (the alert desk and the dispatch desk) send their operators' commands to the desks
     * of their sector over {@code bus}, each with an id of its own, and answer their operator with the outcome
     * {@code outcomes} receives: a refusal as the owning desk gave it, an applied command once the node's view
     * shows it (see {@link CommandOutcomes#await}).
     */
    static void relay(RulesService rules, ResponseService response, Bus bus, CommandOutcomes outcomes) {
        java.util.function.Consumer<OperatorCommand> send = c -> {
            String sector = sectorOf(rules, c);
            OperatorCommand sent = c.sentAs(UUID.randomUUID().toString(), sector);
            outcomes.await(sent, () -> bus.publish(Topic.COMMANDS, sector, sent));
        };
        rules.relayCommands(send);
        response.relayCommands(send);
    }

    /** The sector of the command's alert, incident or posture in the view; Refusal.NotFound when the view has none. */
    private static String sectorOf(RulesService rules, OperatorCommand c) {
        String sector = switch (c.kind()) {
            case ACKNOWLEDGE, CLOSE -> rules.alerts().stream().filter(e -> e.alert().id().equals(c.target()))
                    .findFirst().orElseThrow(() -> new Refusal.NotFound("no alert " + c.target())).alert().sector();
            case POSTURE -> {
                if (!rules.postures().containsKey(c.target())) {
                    throw new Refusal.NotFound("no sector " + c.target());
                }
                yield c.target();
            }
            case INCIDENT_STATUS, DISPATCH -> rules.incidents().stream().filter(i -> i.id().equals(c.target()))
                    .findFirst().orElseThrow(() -> new Refusal.NotFound("no incident " + c.target())).sector();
        };
        return sector == null ? "-" : sector;
    }

    /** Applies a command taken from the commands topic (a dispatch is passed by) and publishes its outcome. */
    void obey(OperatorCommand c) {
        if (c.kind() != OperatorCommand.Kind.DISPATCH) {
            obey(c, () -> rules.obey(c));
        }
    }

    /** Applies a dispatch taken from the commands topic on the node's dispatch desk and publishes its outcome. */
    void dispatch(ResponseService response, OperatorCommand c) {
        if (c.kind() == OperatorCommand.Kind.DISPATCH) {
            obey(c, () -> response.dispatch(c.target(), c.unit(), c.by(), c.agency(), c.time()));
        }
    }

    private void obey(OperatorCommand c, Runnable apply) {
        RuntimeException refusal = null;
        try {
            apply.run();
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
            refusal = e;
            refused.increment();
            LOG.warn("command {} of {} on {} by {} refused: {}", c.kind(), c.target(), c.sector(), c.by(),
                    e.getMessage());
        }
        if (c.id() != null) { // commands logged before they had ids are answered by nobody
            bus.publish(Topic.COMMAND_OUTCOMES, c.sector() == null ? "-" : c.sector(), CommandOutcome.of(c, c.time(),
                    refusal == null ? null : CommandOutcomes.code(refusal), refusal == null ? null : refusal.getMessage()));
        }
    }
}
