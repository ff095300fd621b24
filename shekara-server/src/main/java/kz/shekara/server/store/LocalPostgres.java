package kz.shekara.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests, benchmarks and trial runs: {@code initdb} into a
 * temporary directory, {@code pg_ctl start} on a free loopback port with its unix socket in that
 * directory, trust authentication for user {@value #USER}; {@link #close()} stops it and deletes
 * the directory. Uses Debian's server binaries (PATH or /usr/lib/postgresql/N/bin). PostgreSQL
 * refuses to run as root: as root it runs the cluster as user {@code postgres} (created by Debian's
 * package) or, failing that, a system user {@code shekara-pg} it creates. Thread-safe.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The cluster's superuser. */
    public static final String USER = "shekara";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final List<String> runAs;
    private final int port;
    private final boolean fsync;

    private LocalPostgres(Path bin, Path dir, List<String> runAs, int port, boolean fsync) {
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.port = port;
        this.fsync = fsync;
    }

    /**
     * Creates and starts a cluster.
     *
     * @param fsync false for tests (faster; a crash of the machine may lose data), true for benchmarks
     * @throws IllegalStateException with a clear message when the binaries are missing or start fails
     */
    public static LocalPostgres start(boolean fsync) {
        Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin;"
                        + " install Debian's postgresql package (apt-get install postgresql)"));
        try {
            Path dir = Files.createTempDirectory("shekara-pg-");
            List<String> runAs = List.of();
            if ("root".equals(System.getProperty("user.name"))) {
                String user = unprivilegedUser();
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
                Files.setOwner(dir, owner);
                runAs = List.of("runuser", "-u", user, "--");
            }
            LocalPostgres pg = new LocalPostgres(bin, dir, runAs, freePort(), fsync);
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a PostgreSQL cluster", e);
        }
    }

    /** Starts the server again after {@link #stopServer()}, on the same port. */
    public void startServer() {
        String opts = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=" + (fsync ? "on" : "off");
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "120", "-o", opts, "start"));
    }

    /** Stops the server (fast shutdown: connections are cut), keeping its data. */
    public void stopServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                "-t", "120", "stop"));
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "shekara_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database of this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (IllegalStateException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command) {
        List<String> cmd = new ArrayList<>(runAs);
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", cmd) + "\n"
                        + new String(out, StandardCharsets.UTF_8) + serverLog());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static Optional<Path> findBinaries() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path ctl = Path.of(d.isEmpty() ? "." : d, "pg_ctl");
            if (Files.isExecutable(ctl) && Files.isExecutable(ctl.resolveSibling("initdb"))) {
                try {
                    return Optional.of(ctl.toRealPath().getParent());
                } catch (IOException e) {
                    // a dangling link: keep looking
                }
            }
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String s) {
        return s.matches("\\d+") ? Integer.parseInt(s) : -1;
    }

    private static String unprivilegedUser() throws IOException {
        for (String user : List.of("postgres", "shekara-pg")) {
            if (exec("id", "-u", user) == 0) {
                return user;
            }
        }
        if (exec("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "shekara-pg") == 0) {
            return "shekara-pg";
        }
        throw new IllegalStateException("running as root and no unprivileged user for PostgreSQL: create user postgres"
                + " (Debian's postgresql package does) or allow useradd");
    }

    private static int exec(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
