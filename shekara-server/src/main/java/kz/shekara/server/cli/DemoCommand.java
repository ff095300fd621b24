package kz.shekara.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.theatre.Theatre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara demo}: the server on the embedded defaults with the built-in exercise scenario on
 * the default theatre, listening on localhost only unless {@code --bind} says otherwise; TAK clients
 * on plain TCP and on TLS (the certificate authority is created in the data directory on first start);
 * the demo accounts ({@link DemoAccounts}) are added and printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the server with the built-in exercise scenario on the default theatre; web map on http://localhost:8080.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Mixin
    TheatreOption theatre;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Scenario seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Event-time seconds per wall-clock second (default ${DEFAULT-VALUE}).")
    double speed;

    @Spec
    CommandSpec spec;

    /** The demo's configuration: localhost, the conventional ports, the scenario on. */
    ShekaraConfig config() {
        ShekaraConfig base = ShekaraConfig.defaults().withBind("127.0.0.1")
                .withSimulation(new ShekaraConfig.Simulation(true, seed, speed));
        return server.applyTo(theatre.dir() == null ? base : base.withTheatre(theatre.dir()));
    }

    /** Starts the demo server and prints its ports; the caller closes it. Creates the TAK certificate authority on first start. */
    public ShekaraServer start() throws Exception {
        ShekaraConfig config = config();
        if (config.cot().tlsPort() >= 0) {
            CertificateAuthority.init(config.dataDir(), Clock.systemUTC());
        }
        Theatre t = theatre.load();
        DemoAccounts.seed(config, t, spec.commandLine().getOut());
        return ServerRun.start(config, t, null, spec.commandLine().getOut());
    }

    @Override
    public Integer call() throws Exception {
        return ServerRun.runUntilStopped(start());
    }
}
