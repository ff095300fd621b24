package kz.shekara.server.cli;

import java.nio.file.Path;
import kz.shekara.server.config.ShekaraConfig;
import picocli.CommandLine.Option;

/**
 * The flags {@code demo}, {@code serve} and {@code replay} share, as a picocli mixin; each one left
 * out keeps the value of the config file or the default. Not thread-safe (filled by picocli).
 */
public final class ServerOptions {
    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Web map and API port (default 8080; 0 = a free port).")
    private Integer httpPort;

    @Option(names = "--cot-port", paramLabel = "PORT",
            description = "TAK/CoT TCP streaming port (default 8087; 0 = a free port; -1 = off).")
    private Integer cotPort;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "TAK/CoT TLS streaming port, client certificates from the data directory's CA "
                    + "(default 8089; 0 = a free port; -1 = off).")
    private Integer tlsPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the event log and snapshots live (default ./data).")
    private Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Event log database: jdbc:postgresql://... (default: SQLite under --data-dir).")
    private String db;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on for web and CoT (0.0.0.0 = every interface).")
    private String bind;

    /** The config with every given flag applied over it, validated. */
    public ShekaraConfig applyTo(ShekaraConfig base) {
        ShekaraConfig c = base;
        if (bind != null) {
            c = c.withBind(bind);
        }
        if (httpPort != null) {
            c = c.withHttpPort(httpPort);
        }
        if (cotPort != null) {
            c = c.withCotPort(cotPort);
        }
        if (tlsPort != null) {
            c = c.withTlsPort(tlsPort);
        }
        if (dataDir != null) {
            c = c.withDataDir(dataDir);
        }
        if (db != null) {
            c = c.withDb(db);
        }
        return c.validate();
    }
}
