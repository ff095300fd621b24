package kz.shekara.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.track.TrackerConfig;

/**
 * The server's whole configuration, one section per component, validated once by {@link #validate()}
 * and immutable after. Read from YAML by {@link ConfigLoader} (see shekara.example.yaml for every
 * key); command-line flags override single values with the {@code with...} methods, which return a
 * new config.
 *
 * @param theatre the theatre folder, or null for the default theatre packaged with the server
 * @param db a JDBC URL of the event log, or null for the embedded SQLite file under {@code dataDir}
 * @param tracker the live tracker's parameters ({@code track --config} reads the same section)
 * @param rules the configuration's {@code rules} section as written, in the keys of a theatre's
 *     rules.yaml, laid over the theatre's rules key by key; an empty mapping keeps them as they are
 * @param store the event log, its snapshots and what a restart rebuilds from it
 * @param response the live response desk and the what-if intercept planner
 * @param live the bounds of the live picture
 * @param access web sessions, logins and their lockout
 * @param federation the outbound CoT feeds to partners' TAK servers (none by default)
 * @param kafka how a {@code serve --kafka} node rides out a broker away (unused without {@code --kafka})
 */
public record ShekaraConfig(Http http, Cot cot, Path dataDir, Path theatre, String db, Simulation simulation,
                            TrackerConfig tracker, JsonNode rules, Store store, Response response,
                            LiveStateConfig live, AccessConfig access, FederationConfig federation,
                            Kafka kafka) {

    /** The web map and REST API. Port 0 picks a free port; no route reads a body over {@code maxBodyBytes}. */
    public record Http(String bind, int port, int maxBodyBytes) {
    }

    /**
     * The TAK/CoT streaming server; {@code port} -1 turns plain TCP off, {@code udpPort} 0 turns SA
     * multicast/UDP input off, {@code tlsPort} -1 turns TLS off (TLS also needs the certificate
     * authority in {@code dataDir}). The rest as in {@code CotServerConfig}: events queued per client,
     * how long objects sent stay current, the sigma (m) of a report without a usable ce, the agency
     * (or null) outgoing events must be releasable to, the routing groups that also get raw sensor
     * detections, how often an emergency is repeated and how much device clock skew is allowed;
     * {@code timeAhead} what becomes of a report further ahead of the server's clock than that
     * ({@code clamp}: placed at its receive time; {@code refuse}); the connection caps (in all, from one
     * address) and the timeouts of a client sending nothing or not completing an event.
     */
    public record Cot(String bind, int port, int udpPort, int maxEventBytes, int clientQueueCapacity,
                      Duration validity, double defaultSigmaM, String agency, int tlsPort,
                      List<String> rawDetectionGroups, Duration emergencyRepeat, Duration maxClockSkew,
                      String timeAhead, int maxConnections, int maxConnectionsPerAddress, Duration idleTimeout,
                      Duration eventTimeout) {
        public Cot {
            rawDetectionGroups = rawDetectionGroups == null ? List.of() : List.copyOf(rawDetectionGroups);
        }

        /** The listening settings, the rest at their defaults. */
        public Cot(String bind, int port, int udpPort, int maxEventBytes) {
            this(bind, port, udpPort, maxEventBytes, 10_000, Duration.ofMinutes(2), 50.0, null, 8089, List.of(),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), "clamp", 2000, 1000, Duration.ofMinutes(10),
                    Duration.ofMinutes(1));
        }

        Cot withTimeouts(Duration idle, Duration event) {
            return new Cot(bind, port, udpPort, maxEventBytes, clientQueueCapacity, validity, defaultSigmaM, agency,
                    tlsPort, rawDetectionGroups, emergencyRepeat, maxClockSkew, timeAhead, maxConnections,
                    maxConnectionsPerAddress, idle, event);
        }

        Cot withPorts(String newBind, int newPort, int newTlsPort) {
            return new Cot(newBind, newPort, udpPort, maxEventBytes, clientQueueCapacity, validity, defaultSigmaM,
                    agency, newTlsPort, rawDetectionGroups, emergencyRepeat, maxClockSkew, timeAhead, maxConnections,
                    maxConnectionsPerAddress, idleTimeout, eventTimeout);
        }
    }

    /**
     * The built-in scenario; {@code speed} is how many event-time seconds pass per wall second, and
     * {@code pdLateness} how long after a scan period detections may still arrive before the period's
     * probability-of-detection opportunity is counted.
     */
    public record Simulation(boolean enabled, long seed, double speed, Duration pdLateness) {
        public Simulation(boolean enabled, long seed, double speed) {
            this(enabled, seed, speed, Duration.ofSeconds(30));
        }
    }

    /**
     * The event log ({@code log}) and the restart: how often the tracker and desk views catch up with
     * the log in the background (and snapshot when due), how many of the latest logged events rebuild
     * the live picture at start, and how much recent event time of logged inputs the rules re-run.
     */
    public record Store(StoreConfig log, Restart restart) {
        public Store {
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(restart, "restart");
        }
    }

    /** The restart keys of the {@code store} section, see {@link Store}. */
    public record Restart(Duration checkpointInterval, long restoreTailEvents, Duration rulesWarmUp) {
    }

    /** The live response desk ({@code desk}) and the what-if intercept planner ({@code plan}). */
    public record Response(ResponseConfig desk, Plan plan) {
        public Response {
            Objects.requireNonNull(desk, "desk");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** The planner keys of the {@code response} section: sampling step and horizon (s) along a target's predicted path. */
    public record Plan(double planStepS, double planHorizonS) {
    }

    /**
     * A node on Kafka ({@code serve --kafka}): its producer retries an event the cluster has not taken
     * for {@code deliveryTimeout}; at most {@code maxUnsent} events wait unsent, then its inputs wait
     * (back-pressure); its health is DOWN (HTTP 503) once no broker has answered for {@code brokerDownAfter}.
     * Records travel in groups: a consumer commits its offsets (its outputs sent first) at most
     * {@code commitInterval} after its last commit while records keep coming, or after {@code commitRecords}
     * records, and at once when it has caught up; the producer waits up to {@code linger} to fill a batch of
     * up to {@code batchBytes} bytes a partition; a poll returns at most {@code pollRecords} records. Tracker
     * workers hand tracks over by the rule of docs/kafka.md: a hand-over is adopted before the destination's
     * first scan later than its time plus {@code handoverLag}; a worker sends its progress marks every
     * {@code handoverMarkEvery} of event time its detections move on (and whenever it waits); a destination
     * stops waiting for a source whose mark has stood still for {@code handoverPatience}.
     */
    public record Kafka(Duration deliveryTimeout, int maxUnsent, Duration brokerDownAfter, Duration commitInterval,
                        int commitRecords, Duration linger, int batchBytes, int pollRecords, Duration handoverLag,
                        Duration handoverPatience, Duration handoverMarkEvery) {
        /** The given delivery keys and the default batching and hand-over rule. */
        public Kafka(Duration deliveryTimeout, int maxUnsent, Duration brokerDownAfter) {
            this(deliveryTimeout, maxUnsent, brokerDownAfter, Duration.ofSeconds(1), 10_000, Duration.ofMillis(5),
                    256 << 10, 2_000);
        }

        /** The given delivery and batching keys and the default hand-over rule. */
        public Kafka(Duration deliveryTimeout, int maxUnsent, Duration brokerDownAfter, Duration commitInterval,
                     int commitRecords, Duration linger, int batchBytes, int pollRecords) {
            this(deliveryTimeout, maxUnsent, brokerDownAfter, commitInterval, commitRecords, linger, batchBytes,
                    pollRecords, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500));
        }

        /**
         * An hour of retries, 10,000 events unsent, DOWN after 30 s without a broker; commits at most once a
         * second or every 10,000 records, 5 ms linger, 256 KiB batches, polls of at most 2,000 records; a
         * hand-over lag of 2 s, a patience of 5 s, a mark every 0.5 s.
         */
        public static Kafka defaults() {
            return new Kafka(Duration.ofHours(1), 10_000, Duration.ofSeconds(30));
        }
    }

    public ShekaraConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cot, "cot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(access, "access");
        federation = federation == null ? FederationConfig.NONE : federation;
        kafka = kafka == null ? Kafka.defaults() : kafka;
        rules = rules == null ? JsonNodeFactory.instance.objectNode() : rules.deepCopy();
    }

    /** The defaults of {@code serve}: all interfaces, the conventional ports, no simulation. */
    public static ShekaraConfig defaults() {
        return new ShekaraConfig(new Http("0.0.0.0", 8080, 64 * 1024), new Cot("0.0.0.0", 8087, 0, 64 * 1024),
                Path.of("data"), null, null, new Simulation(false, 1, 1.0), TrackerConfig.DEFAULTS, null,
                new Store(StoreConfig.defaults(), new Restart(Duration.ofSeconds(1), 200_000, Duration.ofMinutes(15))),
                new Response(ResponseConfig.defaults(), new Plan(30, 4 * 3600)), LiveStateConfig.defaults(),
                AccessConfig.defaults(), FederationConfig.NONE, Kafka.defaults());
    }

    /** The rules section as written (a copy: the config stays immutable). */
    @Override
    public JsonNode rules() {
        return rules.deepCopy();
    }

    /** Checks every value and throws {@link ConfigException} listing all problems at once. */
    public ShekaraConfig validate() {
        List<String> errors = problems();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return this;
    }

    /** Every problem of the values the sections' own types do not check, one line each ({@code key: what}). */
    List<String> problems() {
        List<String> errors = new ArrayList<>();
        port(errors, "http.port", http.port());
        if (cot.port() < -1 || cot.port() > 65_535) {
            errors.add("cot.port: must be a TCP port 0-65535 (0 = pick a free one, -1 = off), got " + cot.port());
        }
        if (cot.tlsPort() < -1 || cot.tlsPort() > 65_535) {
            errors.add("cot.tlsPort: must be a TCP port 0-65535 (0 = pick a free one, -1 = off), got " + cot.tlsPort());
        }
        if (cot.port() < 0 && cot.tlsPort() < 0) {
            errors.add("cot.port, cot.tlsPort: at least one streaming input must be on");
        }
        port(errors, "cot.udpPort", cot.udpPort());
        if (http.maxBodyBytes() < 1024 || http.maxBodyBytes() > 16 * 1024 * 1024) {
            errors.add("http.maxBodyBytes: must be between 1024 and 16777216, got " + http.maxBodyBytes());
        }
        positive(errors, "cot.emergencyRepeat", cot.emergencyRepeat());
        positive(errors, "cot.maxClockSkew", cot.maxClockSkew());
        if (!"clamp".equals(cot.timeAhead()) && !"refuse".equals(cot.timeAhead())) {
            errors.add("cot.timeAhead: must be clamp or refuse, got " + cot.timeAhead());
        }
        if (cot.maxConnections() < 1 || cot.maxConnectionsPerAddress() < 1) {
            errors.add("cot.maxConnections, cot.maxConnectionsPerAddress: must be >= 1, got " + cot.maxConnections()
                    + ", " + cot.maxConnectionsPerAddress());
        }
        positive(errors, "cot.idleTimeout", cot.idleTimeout());
        positive(errors, "cot.eventTimeout", cot.eventTimeout());
        if (http.bind() == null || http.bind().isBlank()) {
            errors.add("http.bind: must be an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (cot.bind() == null || cot.bind().isBlank()) {
            errors.add("cot.bind: must be an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (cot.maxEventBytes() < 1024 || cot.maxEventBytes() > 16 * 1024 * 1024) {
            errors.add("cot.maxEventBytes: must be between 1024 and 16777216, got " + cot.maxEventBytes());
        }
        if (cot.clientQueueCapacity() < 1) {
            errors.add("cot.clientQueueCapacity: must be >= 1, got " + cot.clientQueueCapacity());
        }
        positive(errors, "cot.validity", cot.validity());
        if (!(cot.defaultSigmaM() > 0)) {
            errors.add("cot.defaultSigmaM: must be > 0, got " + cot.defaultSigmaM());
        }
        if (!(simulation.speed() > 0) || simulation.speed() > 10_000) {
            errors.add("simulation.speed: must be > 0 and <= 10000, got " + simulation.speed());
        }
        notNegative(errors, "simulation.pdLateness", simulation.pdLateness());
        if (db != null && !db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            errors.add("db: must be a jdbc:sqlite: or jdbc:postgresql: URL, got " + db);
        }
        positive(errors, "store.checkpointInterval", store.restart().checkpointInterval());
        if (store.restart().restoreTailEvents() < 0) {
            errors.add("store.restoreTailEvents: must be >= 0, got " + store.restart().restoreTailEvents());
        }
        notNegative(errors, "store.rulesWarmUp", store.restart().rulesWarmUp());
        Duration delivery = kafka.deliveryTimeout();
        if (delivery == null || delivery.compareTo(Duration.ofMinutes(1)) < 0 || delivery.compareTo(Duration.ofDays(24)) > 0) {
            errors.add("kafka.deliveryTimeout: must be between PT1M and P24D, got " + delivery);
        }
        if (kafka.maxUnsent() < 1) {
            errors.add("kafka.maxUnsent: must be >= 1, got " + kafka.maxUnsent());
        }
        positive(errors, "kafka.brokerDownAfter", kafka.brokerDownAfter());
        kafkaBatching(errors, kafka);
        Plan plan = response.plan();
        if (!(plan.planStepS() > 0) || !(plan.planHorizonS() >= plan.planStepS())) {
            errors.add("response.planStepS, response.planHorizonS: need 0 < planStepS <= planHorizonS, got "
                    + plan.planStepS() + ", " + plan.planHorizonS());
        }
        return errors;
    }

    public ShekaraConfig withHttpPort(int port) {
        return withHttp(new Http(http.bind(), port, http.maxBodyBytes()));
    }

    public ShekaraConfig withCotPort(int port) {
        return withCot(cot.withPorts(cot.bind(), port, cot.tlsPort()));
    }

    public ShekaraConfig withTlsPort(int port) {
        return withCot(cot.withPorts(cot.bind(), cot.port(), port));
    }

    /** With the CoT timeouts of a client sending nothing ({@code idle}) and not completing an event ({@code event}). */
    public ShekaraConfig withCotTimeouts(Duration idle, Duration event) {
        return withCot(cot.withTimeouts(idle, event));
    }

    public ShekaraConfig withBind(String bind) {
        return withHttp(new Http(bind, http.port(), http.maxBodyBytes())).withCot(cot.withPorts(bind, cot.port(),
                cot.tlsPort()));
    }

    public ShekaraConfig withDataDir(Path dir) {
        return new ShekaraConfig(http, cot, dir, theatre, db, simulation, tracker, rules, store, response, live, access, federation, kafka);
    }

    public ShekaraConfig withTheatre(Path dir) {
        return new ShekaraConfig(http, cot, dataDir, dir, db, simulation, tracker, rules, store, response, live, access, federation, kafka);
    }

    public ShekaraConfig withDb(String url) {
        return new ShekaraConfig(http, cot, dataDir, theatre, url, simulation, tracker, rules, store, response, live, access, federation, kafka);
    }

    public ShekaraConfig withSimulation(Simulation sim) {
        return new ShekaraConfig(http, cot, dataDir, theatre, db, sim, tracker, rules, store, response, live, access, federation, kafka);
    }

    public ShekaraConfig withKafka(Kafka k) {
        return new ShekaraConfig(http, cot, dataDir, theatre, db, simulation, tracker, rules, store, response, live, access, federation, k);
    }

    private ShekaraConfig withHttp(Http h) {
        return new ShekaraConfig(h, cot, dataDir, theatre, db, simulation, tracker, rules, store, response, live, access, federation, kafka);
    }

    private ShekaraConfig withCot(Cot c) {
        return new ShekaraConfig(http, c, dataDir, theatre, db, simulation, tracker, rules, store, response, live, access, federation, kafka);
    }

    private static void port(List<String> errors, String key, int port) {
        if (port < 0 || port > 65_535) {
            errors.add(key + ": must be a TCP/UDP port 0-65535 (0 = pick a free one), got " + port);
        }
    }

    private static void kafkaBatching(List<String> errors, Kafka kafka) {
        Duration commit = kafka.commitInterval();
        if (commit == null || commit.isNegative() || commit.compareTo(Duration.ofMinutes(1)) > 0) {
            errors.add("kafka.commitInterval: must be between PT0S and PT1M, got " + commit);
        }
        Duration linger = kafka.linger();
        if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            errors.add("kafka.linger: must be between PT0S and PT1S, got " + linger);
        }
        if (kafka.commitRecords() < 1) {
            errors.add("kafka.commitRecords: must be >= 1, got " + kafka.commitRecords());
        }
        if (kafka.batchBytes() < 1024 || kafka.batchBytes() > 16 << 20) {
            errors.add("kafka.batchBytes: must be between 1024 and 16777216, got " + kafka.batchBytes());
        }
        if (kafka.pollRecords() < 1) {
            errors.add("kafka.pollRecords: must be >= 1, got " + kafka.pollRecords());
        }
        Duration lag = kafka.handoverLag();
        if (lag == null || !lag.isPositive() || lag.compareTo(Duration.ofMinutes(5)) > 0) {
            errors.add("kafka.handoverLag: must be longer than PT0S and at most PT5M, got " + lag);
        }
        Duration patience = kafka.handoverPatience();
        if (patience == null || patience.compareTo(Duration.ofMillis(100)) < 0 || patience.compareTo(Duration.ofHours(1)) > 0) {
            errors.add("kafka.handoverPatience: must be between PT0.1S and PT1H, got " + patience);
        }
        Duration every = kafka.handoverMarkEvery();
        if (every == null || !every.isPositive() || lag != null && every.compareTo(lag) > 0) {
            errors.add("kafka.handoverMarkEvery: must be longer than PT0S and at most kafka.handoverLag (" + lag
                    + "), got " + every);
        }
    }

    private static void positive(List<String> errors, String key, Duration d) {
        if (d == null || !d.isPositive()) {
            errors.add(key + ": must be a positive duration, got " + d);
        }
    }

    private static void notNegative(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative()) {
            errors.add(key + ": must be a duration >= 0, got " + d);
        }
    }
}
