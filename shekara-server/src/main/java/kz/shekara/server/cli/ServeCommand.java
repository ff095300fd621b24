package kz.shekara.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.time.Clock;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shekara serve}: the server for real feeds, configured by a YAML file and flags. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server for real feeds (TAK/CoT, JSONL), configured by --config FILE and flags.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Mixin
    TheatreOption theatre;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see shekara.example.yaml).")
    Path configFile;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Run as a node of a Kafka cluster: events go over its topics (see docs/kafka.md).")
    String kafka;

    @Option(names = "--roles", defaultValue = "all", split = ",", paramLabel = "ROLE[,ROLE...]",
            description = "With --kafka, the roles this node runs: all, ingest, tracker, rules, response, api, "
                    + "store (default ${DEFAULT-VALUE}: all but store; response runs beside rules; store runs alone).")
    java.util.Set<String> roles;

    @Option(names = "--partitions", defaultValue = "12", paramLabel = "N",
            description = "With --kafka, partitions of a topic that does not exist yet (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "P",
            description = "Put before every topic and group name (keeps several runs apart on one cluster; default none).")
    String topicPrefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ShekaraConfig cfg = server.applyTo(configFile == null ? ShekaraConfig.defaults() : ConfigLoader.load(configFile));
        if (theatre.dir() != null) {
            cfg = cfg.withTheatre(theatre.dir());
        }
        Theatre t = cfg.theatre() == null ? theatre.load() : TheatreLoader.load(cfg.theatre());
        NodeRoles nodeRoles;
        try {
            nodeRoles = NodeRoles.parse(roles);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("shekara: " + e.getMessage());
            return 2;
        }
        ShekaraServer server = kafka == null ? ServerRun.start(cfg, t, null, spec.commandLine().getOut())
                : ServerRun.started(KafkaNode.start(cfg, t, Clock.systemUTC(),
                        KafkaBusConfig.of(kafka).withPartitions(partitions).withTopicPrefix(topicPrefix)
                                .withGroupPrefix("shekara." + topicPrefix), nodeRoles), cfg,
                        spec.commandLine().getOut());
        if (new AccountStore(AccessDatabase.open(EventLogs.jdbcUrl(cfg.db(), cfg.dataDir()))).isEmpty()) {
            spec.commandLine().getOut().println("shekara: no accounts yet; add one with: ./shekara users add --user U "
                    + "--role commander --agency " + t.defaultMarking().originator()
                    + (cfg.db() == null ? " --data-dir " + cfg.dataDir() : " --db URL") + " (password on standard input)");
            spec.commandLine().getOut().flush();
        }
        return ServerRun.runUntilStopped(server);
    }
}
