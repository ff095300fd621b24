package kz.shekara.server.adapter.cot;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the CoT streaming ports ({@link CotLimits}): binds each port and accepts on it (a
 * {@link CotListener} each), closes a client over the connection caps (in all, from one address) as
 * soon as it is accepted, before any TLS handshake, and closes connected clients that send nothing
 * for the idle timeout or leave an event incomplete for the event timeout (checked by one sweeper
 * thread, at least once a second). Every client turned away or closed is counted in
 * {@code shekara.adapter.rejections{adapter=cot,reason}} ({@code max-connections},
 * {@code max-per-address}, {@code idle-timeout}, {@code event-timeout}). Thread-safe.
 */
final class CotAdmission implements CotListener.Gate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CotAdmission.class);

    private final CotLimits limits;
    private final String bindHost;
    private final MeterRegistry registry;
    private final List<CotConnection> connections;
    private final Set<Socket> admitted = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>(); // guarded by this
    private final List<ServerSocket> bound = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread sweeper;
    private volatile boolean closed;

    /** @param connections the server's connected clients, which the sweeper watches */
    CotAdmission(CotLimits limits, String bindHost, MeterRegistry registry, List<CotConnection> connections) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.sweeper = Thread.ofPlatform().daemon().name("cot-timeouts").unstarted(this::sweep);
    }

    /** Binds plain TCP on {@code port} (0 = any free port) and accepts on it; returns the socket. */
    ServerSocket plain(int port, CotListener.Admission admission) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindHost, port), 1024);
        listen(ss, "cot-accept", admission, reason -> { });
        return ss;
    }

    /**
     * Binds TLS on {@code port} (0 = any free port) with {@code context}: TLS 1.2 and 1.3 only, a
     * client certificate required; {@code handshakeFailed} is told of handshakes that fail.
     */
    ServerSocket tls(SSLContext context, int port, CotListener.Admission admission, Consumer<String> handshakeFailed)
            throws IOException {
        SSLServerSocket ss = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        ss.setReuseAddress(true);
        ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        ss.setNeedClientAuth(true);
        ss.bind(new InetSocketAddress(bindHost, port), 1024);
        listen(ss, "cot-tls-accept", admission, handshakeFailed);
        return ss;
    }

    private synchronized void listen(ServerSocket ss, String name, CotListener.Admission admission,
                                     Consumer<String> handshakeFailed) {
        bound.add(ss);
        Thread.ofPlatform().daemon().name(name).start(new CotListener(ss, this, admission, handshakeFailed));
        if (sweeper.getState() == Thread.State.NEW) {
            sweeper.start();
        }
    }

    @Override
    public boolean enter(Socket socket) {
        InetAddress from = socket.getInetAddress();
        String refused = null;
        synchronized (this) {
            int fromThere = perAddress.getOrDefault(from, 0);
            if (admitted.size() >= limits.maxConnections()) {
                refused = "max-connections";
            } else if (fromThere >= limits.maxConnectionsPerAddress()) {
                refused = "max-per-address";
            } else {
                admitted.add(socket);
                perAddress.put(from, fromThere + 1);
            }
        }
        if (refused == null) {
            return true;
        }
        count(refused);
        LOG.debug("CoT client {} refused: {}", from, refused);
        closeQuietly(socket);
        return false;
    }

    @Override
    public void left(Socket socket) {
        synchronized (this) {
            if (admitted.remove(socket)) {
                perAddress.computeIfPresent(socket.getInetAddress(), (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Clients connected now (TLS handshakes under way included). */
    int admitted() {
        return admitted.size();
    }

    private void sweep() {
        long idle = limits.idleTimeout().toNanos();
        long event = limits.eventTimeout().toNanos();
        long tickMs = Math.max(10, Math.min(1000, Math.min(idle, event) / 4 / 1_000_000));
        while (!closed) {
            long now = System.nanoTime();
            for (CotConnection c : connections) {
                String reason = c.expired(now, idle, event);
                if (reason != null && c.isOpen()) {
                    count(reason);
                    LOG.info("closed {}: {}", c, reason);
                    c.close();
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(tickMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void count(String reason) {
        registry.counter("shekara.adapter.rejections", "adapter", "cot", "reason", reason).increment();
    }

    /** Closes the bound sockets and stops the sweeper (connected clients are the server's to close). */
    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
        bound.forEach(CotAdmission::closeQuietly);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
