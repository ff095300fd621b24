package kz.shekara.server.adapter.cot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import kz.shekara.server.access.Account;
import kz.shekara.model.Marking;
import kz.shekara.model.Task;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TAK streaming server on plain TCP (default 8087) and TLS with client certificates
 * ({@link #startTls}, 8089), with optional UDP SA input. Routing groups come from the connection,
 * never from the event ({@code __group} is the team colour, carried as sent): plain TCP and UDP
 * clients are in the one anonymous group, a TLS client in its certificate's agency and its account's groups. Every accepted
 * event goes to the other clients sharing one of the sender's groups, silent ones included (never
 * back to the sender; {@code marti/dest} narrows it); a client that connects gets the latest SA it
 * may see ({@link LatestSa}) and is offered TAK protocol v1 ({@link TakV1}); emergencies repeat
 * until cancelled ({@link EmergencyRepeater}); pings are answered. What it accepts ({@link CotInbound}) is placed on the
 * server's clock ({@link DeviceTimes}), relayed, and handed to the bus by sector without waiting for
 * the event log's commit ({@link CotPublisher}); the bus's own events go
 * to clients as CoT ({@link CotOutbound}); a device uid belongs to the first connection announcing
 * it; {@link #deliverTasks} sends each unit its task. Rejected input is counted per reason and the
 * connection stays. Thread-safe; one virtual-thread reader and writer per client.
 */
public final class CotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CotServer.class);
    private static final String ADAPTER = "cot";

    private final CotServerConfig config;
    private final Bus bus;
    private final Marking defaultMarking;
    private final MeterRegistry registry;
    private final Clock clock;
    private final CotPublisher publisher;
    private final CotMapping mapping;
    private final CotEncoder encoder = new CotEncoder();
    private final CotControl control;
    private final List<CotConnection> connections = new CopyOnWriteArrayList<>();
    private final Set<String> clientUids = ConcurrentHashMap.newKeySet();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private final Counter slowClients;
    private final Counter superseded;
    private final CotTaskDelivery tasks;
    private final LatestSa latest = new LatestSa();
    private final CotOutbound outbound;
    private final EmergencyRepeater emergencies;
    private final CotAdmission admission;
    private final CotInbound inbound;
    private volatile ServerSocket serverSocket;
    private volatile ServerSocket tlsSocket;
    private volatile DatagramSocket udpSocket;
    private volatile boolean closed;

    /** With every event keyed "default" on the bus. */
    public CotServer(CotServerConfig config, Bus bus, Marking defaultMarking, MeterRegistry registry, Clock clock) {
        this(config, bus, defaultMarking, registry, clock, latLon -> "default");
    }

    /** @param sectorKey gives the bus partition key (the border sector) of a position {lat, lon} in degrees */
    public CotServer(CotServerConfig config, Bus bus, Marking defaultMarking, MeterRegistry registry, Clock clock,
                     Function<double[], String> sectorKey) {
        this.config = Objects.requireNonNull(config, "config");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.defaultMarking = Objects.requireNonNull(defaultMarking, "defaultMarking");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publisher = new CotPublisher(bus, sectorKey, clientUids, registry.counter("shekara.cot.notices",
                "reason", "store-retry"));
        this.mapping = new CotMapping(config.validity(), config.defaultSigmaM());
        this.control = new CotControl(clock);
        this.admission = new CotAdmission(config.limits(), config.bindHost(), registry, connections);
        this.tasks = new CotTaskDelivery(config.agency(), encoder, connections, this::send);
        this.outbound = new CotOutbound(config, mapping, encoder, connections, clientUids, latest, this::send, clock);
        Counter repeats = Counter.builder("shekara.cot.emergency.repeats")
                .description("emergencies sent again to a client until cancelled").register(registry);
        this.emergencies = new EmergencyRepeater(config.emergencyRepeat(), connections, this::send, repeats::increment);
        this.inbound = new CotInbound(new CotInbound.Parts(config, registry, clock, defaultMarking, publisher, mapping,
                encoder, control, tasks, latest, emergencies, admission, connections, this::send), ADAPTER, () -> closed);
        slowClients = Counter.builder("shekara.cot.slow.clients")
                .description("CoT clients disconnected because their queue stayed full").register(registry);
        superseded = Counter.builder("shekara.cot.superseded")
                .description("Positions a full client queue replaced with a newer one of the same uid").register(registry);
        Gauge.builder("shekara.cot.clients", connections, List::size)
                .description("connected CoT streaming clients").register(registry);
    }

    /**
     * Binds the plain TCP port (unless it is -1) and the UDP port, subscribes to the bus and starts
     * accepting; returns the bound TCP port, or -1 when plain TCP is off.
     */
    public synchronized int start() throws IOException {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        if (config.port() >= 0) {
            serverSocket = admission.plain(config.port(), this::admit);
        }
        if (config.udpPort() >= 0) {
            udpSocket = new DatagramSocket(new InetSocketAddress(config.bindHost(), config.udpPort()));
            Thread.ofPlatform().daemon().name("cot-udp").start(new UdpSaInput(udpSocket,
                    config.maxEventBytes(), inbound.handler(), inbound::reject));
        }
        subscriptions.add(bus.subscribe(Topic.TASKS, "cot-unit-status", outbound::task));
        for (Topic t : List.of(Topic.UNIT_POSITIONS, Topic.OBSERVATIONS, Topic.TRACKS, Topic.MESSAGES, Topic.ALERTS)) {
            subscriptions.add(bus.subscribe(t, "cot-out", outbound::event));
        }
        LOG.info("CoT streaming server on {}:{}{}", config.bindHost(), port(),
                udpSocket == null ? "" : ", UDP SA on " + udpSocket.getLocalPort());
        return port();
    }

    /**
     * Serves TLS streaming on {@code port} (0 = any free port) with {@code context}, whose trust
     * decides which client certificates are accepted: TLS 1.2 and 1.3 only, a client certificate
     * required. Call after {@link #start}; returns the bound port. {@code accounts} finds the account a
     * certificate's user names ({@link CertificateAccounts}).
     */
    public synchronized int startTls(SSLContext context, int port,
                                     java.util.function.Function<String, java.util.Optional<Account>> accounts)
            throws IOException {
        if (tlsSocket != null) {
            throw new IllegalStateException("TLS already started");
        }
        ServerSocket ss = admission.tls(context, port, CertificateAccounts.admitting(this::admit, accounts,
                this::tlsRefused, s -> {
                    CotAdmission.closeQuietly(s);
                    admission.left(s);
                }), reason -> {
            registry.counter("shekara.cot.tls.handshake.failures").increment();
            LOG.debug("CoT TLS handshake failed: {}", reason);
        });
        tlsSocket = ss;
        LOG.info("CoT TLS streaming server on {}:{}", config.bindHost(), ss.getLocalPort());
        return ss.getLocalPort();
    }

    /**
     * Tells the server whether the event store takes writes (its last known state, never a probe): while
     * it does not, an event that would be stored is refused as {@code store-unavailable}, not relayed.
     */
    public void storeHealth(BooleanSupplier up) {
        inbound.storeHealth(up);
    }

    /** Counts and logs a client certificate refused at the TLS handshake ({@code reason}: revoked, unknown, ...). */
    public void tlsRefused(String reason, String subject) {
        registry.counter("shekara.cot.tls.refusals", "reason", reason).increment();
        LOG.warn("CoT TLS client refused ({}): {}", reason, subject);
    }

    /** A client has connected (and on TLS proved its certificate): it gets the latest SA, then everything else. */
    private void admit(Socket s, String agency, Set<String> groups, String subject) {
        if (closed) {
            CotAdmission.closeQuietly(s);
            admission.left(s);
            return;
        }
        Duration flushGap = s instanceof javax.net.ssl.SSLSocket ? CotConnection.TLS_FLUSH_GAP : Duration.ZERO;
        CotConnection c = new CotConnection(s, inbound.handler(), config.clientQueueCapacity(), config.maxEventBytes(),
                agency, groups, subject, flushGap);
        c.send(control.offer(), null);
        for (LatestSa.Entry e : latest.visibleTo(c, clock.instant(), m -> outbound.releasable(c, m))) {
            c.send(outbound.latestFor(c, e), e.uid());
        }
        for (EmergencyRepeater.Active a : emergencies.visibleTo(c)) {
            c.send(a.bytes(), a.uid());
        }
        connections.add(c);
        c.start();
        if (subject != null) {
            LOG.info("CoT TLS client connected: {} (groups {})", subject, c.groups());
        }
    }
    /**
     * Sends units their tasks from {@link Topic#TASKS}: each step's waypoint, and the order when a
     * step carries one, to the device connected under the unit's uid only; an ended task's waypoint
     * is deleted. Call once, after {@link #start}.
     */
    public synchronized void deliverTasks(TaskCot cot) {
        tasks.deliverWith(cot);
        subscriptions.add(bus.subscribe(Topic.TASKS, "cot-tasks", tasks::task));
    }

    /**
     * Takes back the tasks rebuilt from the log at start ({@code steps}: each active task's latest
     * step; {@code orders}: its latest step with an order), sending nothing now: a device that
     * connects under a tasked unit's uid gets its task as after any reconnect. Call before
     * {@link #deliverTasks}.
     */
    public void restoreTasks(List<Task> steps, List<Task> orders) {
        tasks.restore(steps, orders);
    }

    /** Writes one event to every connected client whose uid is {@code uid}; returns how many there were. */
    public int sendTo(String uid, CotEvent event) {
        return tasks.sendTo(uid, event);
    }

    /** Alerts to each client in its crew's language ({@code crewLanguage} of its uid: kk, ru, en; null: {@code defaultLanguage}). */
    public void alertLanguages(Function<String, String> crewLanguage, String defaultLanguage) {
        outbound.alertLanguages(crewLanguage, defaultLanguage);
    }

    /**
     * What clients get follows {@code Viewer.maySee} of their agency (the certificate's, else
     * {@code anonymousAgency}), with that agency's redactions applied by {@code redactor}; a TLS device
     * of another agency may not speak for a theatre uid ({@code owningAgency}: its agency, null for any
     * other uid; {@link DeviceUids}).
     */
    public void viewers(String anonymousAgency, Function<String, kz.shekara.server.view.Viewer> viewerOfAgency,
                        kz.shekara.server.view.Redactor redactor, Function<String, String> owningAgency) {
        outbound.viewers(anonymousAgency, viewerOfAgency, redactor);
        inbound.deviceUids().owners(owningAgency);
    }

    /**
     * Keeps which certificate user holds each uid in {@code holdings} (uid, holder → who holds it now),
     * so that a restart does not free them ({@link DeviceUids}); call before {@link #startTls}.
     */
    public void uidHoldings(java.util.function.BinaryOperator<String> holdings) {
        inbound.deviceUids().holdings(holdings);
    }

    /** The bound TLS port, or -1 when TLS is not started. */
    public int tlsPort() {
        ServerSocket ss = tlsSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    /** The bound TCP port, or -1 before {@link #start} or when plain TCP is off. */
    public int port() {
        ServerSocket ss = serverSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    /** The bound UDP SA port, or -1 when UDP input is off or not started. */
    public int udpPort() {
        DatagramSocket s = udpSocket;
        return s == null ? -1 : s.getLocalPort();
    }

    /**
     * Closes at once every TLS connection whose certificate {@code gone} picks, given the certificate's
     * user (its CN) and serial number: its account was disabled or the certificate revoked
     * ({@code reason}). Each is counted in {@code shekara.cot.disconnects{reason}}, handed to
     * {@code before} (to audit it) and logged before its connection closes, so whoever sees the close
     * finds it counted and recorded; returns the clients closed, as they were.
     */
    public List<ConnectedClient> disconnect(BiPredicate<String, BigInteger> gone, String reason,
                                            java.util.function.Consumer<ConnectedClient> before) {
        List<ConnectedClient> out = new ArrayList<>();
        for (CotConnection c : connections) {
            if (c.authenticated() && c.isOpen()
                    && gone.test(CertificateAccounts.userOf(c.subject()), CertificateAccounts.serialOf(c.socket()))) {
                ConnectedClient was = c.snapshot();
                out.add(was);
                registry.counter("shekara.cot.disconnects", "reason", reason).increment();
                before.accept(was);
                LOG.warn("CoT TLS client disconnected ({}): {}", reason, c);
                c.close();
            }
        }
        return out;
    }

    /** The clients connected now, in connection order. */
    public List<ConnectedClient> connectedClients() {
        return connections.stream().map(CotConnection::snapshot).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
        emergencies.close();
        admission.close();
        if (udpSocket != null) {
            udpSocket.close();
        }
        connections.forEach(CotConnection::close);
    }

    void send(CotConnection c, byte[] bytes, String key) {
        ClientQueue.Offer o = c.send(bytes, key);
        if (o == ClientQueue.Offer.FULL) {
            slowClients.increment();
            LOG.warn("disconnected slow {}: {} events queued", c, config.clientQueueCapacity());
        } else if (o == ClientQueue.Offer.SUPERSEDED) {
            superseded.increment();
        }
    }
}
