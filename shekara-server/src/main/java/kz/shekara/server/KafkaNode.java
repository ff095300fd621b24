package kz.shekara.server;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.KafkaTopics;
import kz.shekara.server.response.ResponseService;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a Shekara cluster on Apache Kafka, running the {@link NodeRoles} asked for, with its
 * events delivered over a {@link KafkaBus}. With every role it is the whole server as one process runs
 * it, its tracker, rules and responder taking their inputs from the topics. With some roles, the
 * server is assembled as usual over a {@link RoleBus}, which leaves the services of other nodes' roles
 * idle (unsubscribed) and gives views a group of this node's own; a {@code tracker} node runs
 * {@link SectorTrackers} (a tracker per observations partition, rebuilt from the partition when it is
 * taken over, handing tracks that cross into another partition's sectors over on a topic); a {@code rules}
 * node takes the rules' inputs as {@link RulesSectors} (the sectors it takes
 * over rebuilt from the outputs and inputs of their previous owner), and with {@code response} its dispatch
 * desk as {@link ResponseSectors} (their tasks rebuilt so too); an {@code api} node without {@code rules} keeps its alert desk as a view of the rules'
 * outputs (alerts, alert changes, incidents, postures); a {@code store} node writes every event of every
 * topic into its event log ({@link StoreNode}); a node without {@code ingest} opens no CoT port
 * and runs no scenario. Every node keeps its own event log of what it publishes (but a tracker worker's
 * track updates, sent straight to the cluster: their topic holds them, and a tracker rebuilds from its
 * observations partition, not from the log), and serves health and
 * metrics on its HTTP port, with its cluster's broker, consumer lag and back-pressure ({@link KafkaOperations}). Its bus is a member named by a random node id, so that the groups of one
 * role deal each worker the same partitions (sectors) of every topic (see {@link KafkaBusConfig#member}).
 */
public final class KafkaNode {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);
    /** How long an api node's operator waits for the owning desk's answer to a command (see CommandOutcomes). */
    static final java.time.Duration COMMAND_WAIT = java.time.Duration.ofSeconds(5);

    private KafkaNode() {
    }

    /**
     * Starts a node whose bus is the Kafka cluster at {@code bootstrap} (topics made with
     * {@code partitions} partitions when missing) running the roles named (see {@link NodeRoles#parse});
     * IllegalArgumentException for an unknown role or a combination that cannot run.
     */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, String bootstrap,
                                      int partitions, java.util.Set<String> roles) throws IOException {
        return start(config, theatre, clock, KafkaBusConfig.of(bootstrap).withPartitions(partitions),
                NodeRoles.parse(roles));
    }

    /** As above, on a bus configured in full (topic and group prefixes, session timeout). */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, KafkaBusConfig kafka,
                                      NodeRoles roles) throws IOException {
        String node = UUID.randomUUID().toString().substring(0, 8);
        ShekaraConfig.Kafka k = config.kafka();
        KafkaBus bus = new KafkaBus(kafka.withMember(node).withDelivery(k.deliveryTimeout(), k.maxUnsent())
                .withBatching(new KafkaBusConfig.Batching(k.commitInterval(), k.commitRecords(), k.linger(),
                        k.batchBytes(), k.pollRecords())));
        if (roles.whole()) {
            ShekaraServer whole = startOn(bus, () -> ShekaraServer.start(config, theatre, clock, null, bus));
            KafkaOperations.start(whole, bus, config.kafka(), clock);
            return whole;
        }
        ShekaraConfig cfg = config;
        if (!roles.has(NodeRoles.Role.INGEST)) {
            ShekaraConfig.Simulation sim = config.simulation();
            cfg = cfg.withCotPort(-1).withTlsPort(-1)
                    .withSimulation(new ShekaraConfig.Simulation(false, sim.seed(), sim.speed(), sim.pdLateness()));
        }
        ShekaraConfig nodeConfig = cfg;
        int partitions;
        try {
            partitions = dealtPartitions(bus, kafka);
        } catch (RuntimeException e) {
            bus.close();
            throw e;
        }
        ShekaraServer server = startOn(bus, () -> ShekaraServer.start(nodeConfig, theatre, clock, null,
                new RoleBus(bus, roles, node)));
        try {
            // Before any reader of unit-control starts: every change it reads is folded by the record's rule.
            java.util.function.Consumer<kz.shekara.model.CrisisEvent> crises = roles.has(NodeRoles.Role.STORE) ? null
                    : server.responder().shareControl(COMMAND_WAIT, server.meters().counter("shekara.crises.unanswered"),
                    server.meters().counter("shekara.control.unanswered"));
            if (roles.has(NodeRoles.Role.TRACKER)) {
                SectorTrackers.subscribe(bus, new SectorTrackers(nodeConfig.tracker(), theatre, bus, bus,
                        partitions, new SectorTrackers.Rule(k.handoverLag(), k.handoverPatience(),
                        k.handoverMarkEvery()), server.meters()), server);
            }
            if (roles.has(NodeRoles.Role.INGEST)) {
                ingestWatermarks(server, bus, clock, nodeConfig, node, partitions);
            }
            // The commands of other nodes' operators, obeyed here and answered on the bus (SectorCommands).
            SectorCommands commands = new SectorCommands(server.rules(), server.bus(), server.meters());
            if (roles.has(NodeRoles.Role.RULES)) {
                RulesSectors.subscribe(bus, server.bus(), server.rules(), commands,
                        nodeConfig.store().restart().rulesWarmUp(), partitions, server.meters()).forEach(server::closeWith);
            }
            if (roles.has(NodeRoles.Role.RESPONSE)) {
                java.time.Duration warmUp = nodeConfig.store().restart().rulesWarmUp();
                ResponseSectors.subscribe(bus, server.bus(), server.responder(),
                        commands, theatre, partitions,
                        warmUp.compareTo(DispatchDesk.TRACK_MEMORY) > 0 ? warmUp : DispatchDesk.TRACK_MEMORY,
                        server.meters()).forEach(server::closeWith);
            }
            if (roles.has(NodeRoles.Role.STORE)) {
                StoreNode.start(server, bus, server.bus().log(), nodeConfig.store().log().maxBatch());
            }
            if (roles.has(NodeRoles.Role.API) && !roles.has(NodeRoles.Role.RULES)) {
                followRules(server);
            }
            if (crises != null) {
                shareControl(server, roles, crises);
            }
            KafkaOperations.start(server, bus, config.kafka(), clock);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Kafka node {} at {}: roles {}", node, kafka.bootstrap(), roles);
        return server;
    }

    /**
     * An ingest node's live watermarks ({@link IngestWatermarks}), {@code cot.maxClockSkew} behind its clock; only when
     * that is shorter than the hand-over patience and lag together: a watermark further behind would hold a quiet
     * partition's neighbours longer than giving it up after the patience does.
     */
    private static void ingestWatermarks(ShekaraServer server, KafkaBus bus, Clock clock, ShekaraConfig config,
                                         String node, int partitions) {
        java.time.Duration delay = config.cot().maxClockSkew();
        java.time.Duration bound = config.kafka().handoverPatience().plus(config.kafka().handoverLag());
        if (delay.compareTo(bound) >= 0) {
            LOG.info("no live watermarks: cot.maxClockSkew {} is not shorter than kafka.handoverPatience plus"
                    + " handoverLag ({}), so a watermark would hold neighbours longer than the patience", delay, bound);
            return;
        }
        IngestWatermarks w = IngestWatermarks.start(bus, server.bus(), clock, delay, node, partitions);
        server.closeWith(w);
        io.micrometer.core.instrument.Gauge.builder("shekara.ingest.watermarks", w, IngestWatermarks::written)
                .register(server.meters());
        LOG.info("live watermarks of {} on {} observations partitions, {} behind the clock", node, partitions, delay);
    }

    /**
     * The partitions the workers deal sectors over: those of the observations topic on the cluster (the
     * producers key every topic by sector over its own count), not {@code --partitions}, which only makes a
     * topic that is missing. A cluster whose broker made the topics with 3 partitions and a node told 12
     * (the default) would otherwise own the sectors of the wrong partitions and track almost nothing.
     */
    private static int dealtPartitions(KafkaBus bus, KafkaBusConfig kafka) {
        int found = KafkaTopics.partitionsOf(kafka.bootstrap(), bus.kafkaTopic(Topic.OBSERVATIONS), kafka.partitions());
        if (found != kafka.partitions()) {
            LOG.info("topic {} has {} partitions: sectors are dealt over {} (--partitions {} applies only to a topic"
                    + " not made yet)", bus.kafkaTopic(Topic.OBSERVATIONS), found, found, kafka.partitions());
        }
        return found;
    }

    /**
     * The alert desk of a node without the rules: a view of what the rules publish, every event of it; its
     * operators' commands go to the rules worker of their sector ({@link SectorCommands}).
     */
    private static void followRules(ShekaraServer server) {
        RulesService rules = server.rules();
        CommandOutcomes outcomes = CommandOutcomes.of(rules, COMMAND_WAIT, server.meters());
        for (Topic<? extends DomainEvent> t : List.of(Topic.ALERTS, Topic.ALERT_CHANGES, Topic.INCIDENTS, Topic.POSTURE)) {
            server.closeWith(server.bus().subscribe(t, "api-desk", e -> {
                rules.replay(e);
                outcomes.viewMoved();
            }));
        }
        server.closeWith(server.bus().subscribe(Topic.COMMAND_OUTCOMES, "api-commands", outcomes::take));
        SectorCommands.relay(rules, server.responder(), server.bus(), outcomes);
    }

    /**
     * Crises and units' control the same on every node: crises and transfers decided in the order of their topics,
     * read whole ({@link ResponseService#shareControl}); a node without {@code response} (whose workers read every
     * control change and task step already) reads the control changes and task steps too, so its API lists the
     * tasks and lists and ranks units as they are.
     */
    private static void shareControl(ShekaraServer server, NodeRoles roles,
                                     java.util.function.Consumer<kz.shekara.model.CrisisEvent> crises) {
        ResponseService response = server.responder();
        server.closeWith(server.bus().subscribe(Topic.CRISES, "crises", crises));
        if (!roles.has(NodeRoles.Role.RESPONSE)) {
            server.closeWith(server.bus().subscribe(Topic.UNIT_CONTROL, "control-view", response::take));
            server.closeWith(server.bus().subscribe(Topic.TASKS, "tasks-view", response::showTask));
        }
    }

    private interface Start {
        ShekaraServer run() throws IOException;
    }

    private static ShekaraServer startOn(KafkaBus bus, Start start) throws IOException {
        try {
            return start.run();
        } catch (IOException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }
}
