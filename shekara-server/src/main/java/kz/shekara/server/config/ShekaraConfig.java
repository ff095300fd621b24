package kz.shekara.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server's whole configuration, validated once by {@link #validate()} and immutable after.
 * Read from YAML by {@link ConfigLoader} (see shekara.example.yaml for every key); command-line
 * flags override single values with the {@code with...} methods, which return a new config.
 *
 * @param theatre the theatre folder, or null for the default theatre packaged with the server
 * @param db a JDBC URL of the event log, or null for the embedded SQLite file under {@code dataDir}
 */
public record ShekaraConfig(Http http, Cot cot, Path dataDir, Path theatre, String db, Simulation simulation) {

    /** The web map and REST API. Port 0 picks a free port. */
    public record Http(String bind, int port) {
    }

    /** The TAK/CoT streaming server; {@code udpPort} 0 turns SA multicast/UDP input off. */
    public record Cot(String bind, int port, int udpPort, int maxEventBytes) {
    }

    /** The built-in scenario; {@code speed} is how many event-time seconds pass per wall second. */
    public record Simulation(boolean enabled, long seed, double speed) {
    }

    public ShekaraConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cot, "cot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(simulation, "simulation");
    }

    /** The defaults of {@code serve}: all interfaces, the conventional ports, no simulation. */
    public static ShekaraConfig defaults() {
        return new ShekaraConfig(new Http("0.0.0.0", 8080), new Cot("0.0.0.0", 8087, 0, 64 * 1024),
                Path.of("data"), null, null, new Simulation(false, 1, 1.0));
    }

    /** Checks every value and throws {@link ConfigException} listing all problems at once. */
    public ShekaraConfig validate() {
        List<String> errors = new ArrayList<>();
        port(errors, "http.port", http.port());
        port(errors, "cot.port", cot.port());
        port(errors, "cot.udpPort", cot.udpPort());
        if (http.bind() == null || http.bind().isBlank()) {
            errors.add("http.bind: must be an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (cot.bind() == null || cot.bind().isBlank()) {
            errors.add("cot.bind: must be an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (cot.maxEventBytes() < 1024 || cot.maxEventBytes() > 16 * 1024 * 1024) {
            errors.add("cot.maxEventBytes: must be between 1024 and 16777216, got " + cot.maxEventBytes());
        }
        if (!(simulation.speed() > 0) || simulation.speed() > 10_000) {
            errors.add("simulation.speed: must be > 0 and <= 10000, got " + simulation.speed());
        }
        if (db != null && !db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            errors.add("db: must be a jdbc:sqlite: or jdbc:postgresql: URL, got " + db);
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return this;
    }

    public ShekaraConfig withHttpPort(int port) {
        return new ShekaraConfig(new Http(http.bind(), port), cot, dataDir, theatre, db, simulation);
    }

    public ShekaraConfig withCotPort(int port) {
        return new ShekaraConfig(http, new Cot(cot.bind(), port, cot.udpPort(), cot.maxEventBytes()), dataDir,
                theatre, db, simulation);
    }

    public ShekaraConfig withBind(String bind) {
        return new ShekaraConfig(new Http(bind, http.port()), new Cot(bind, cot.port(), cot.udpPort(),
                cot.maxEventBytes()), dataDir, theatre, db, simulation);
    }

    public ShekaraConfig withDataDir(Path dir) {
        return new ShekaraConfig(http, cot, dir, theatre, db, simulation);
    }

    public ShekaraConfig withTheatre(Path dir) {
        return new ShekaraConfig(http, cot, dataDir, dir, db, simulation);
    }

    public ShekaraConfig withDb(String url) {
        return new ShekaraConfig(http, cot, dataDir, theatre, url, simulation);
    }

    public ShekaraConfig withSimulation(Simulation sim) {
        return new ShekaraConfig(http, cot, dataDir, theatre, db, sim);
    }

    private static void port(List<String> errors, String key, int port) {
        if (port < 0 || port > 65_535) {
            errors.add(key + ": must be a TCP/UDP port 0-65535 (0 = pick a free one), got " + port);
        }
    }
}
