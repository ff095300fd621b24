package kz.shekara.server.adapter.federation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.config.FederationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partner's outbound CoT feed: a TLS connection (client certificate, the partner's authority the
 * only one trusted, its host name checked) to its TAK server, kept open by one virtual thread that
 * connects, sends the latest state the partner may see ({@link PartnerCot#snapshot}), then streams
 * every later event it may see; after a failure it connects again after {@code reconnectMin},
 * doubled per failure up to {@code reconnectMax}. While not connected nothing is queued (the next
 * connection starts from the latest state); a connection whose queue overflows ({@value #CAPACITY}
 * events) is dropped and opened again. Whatever comes from the partner's server is read and
 * discarded. Connects and disconnects are audited, a run of failures once. Counters, tagged by
 * agency: {@code shekara.federation.events.sent|failed}, {@code shekara.federation.reconnects},
 * {@code shekara.federation.connect.failures}; gauge {@code shekara.federation.connected}. Thread-safe.
 */
final class FederationLink implements AutoCloseable {
    static final int CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FederationLink.class);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final String ACTOR = "federation";
    private final FederationConfig.Partner partner;
    private final SSLSocketFactory factory;
    private final PartnerCot cot;
    private final AuditSink audit;
    private final Counter sent;
    private final Counter failed;
    private final Counter reconnects;
    private final Counter connectFailures;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private volatile boolean connected;
    private boolean broken;
    private boolean closed;
    private Socket socket;
    private Thread thread;

    FederationLink(FederationConfig.Partner partner, SSLSocketFactory factory, PartnerCot cot, AuditSink audit,
                   MeterRegistry meters) {
        this.partner = Objects.requireNonNull(partner, "partner");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.cot = Objects.requireNonNull(cot, "cot");
        this.audit = Objects.requireNonNull(audit, "audit");
        String agency = partner.agency();
        sent = Counter.builder("shekara.federation.events.sent").tag("agency", agency)
                .description("CoT events written to a partner's TAK server").register(meters);
        failed = Counter.builder("shekara.federation.events.failed").tag("agency", agency)
                .description("CoT events for a partner lost with a broken or overflowing connection").register(meters);
        reconnects = Counter.builder("shekara.federation.reconnects").tag("agency", agency)
                .description("connections to a partner's TAK server tried again after a failure").register(meters);
        connectFailures = Counter.builder("shekara.federation.connect.failures").tag("agency", agency)
                .description("connections to a partner's TAK server that failed").register(meters);
        Gauge.builder("shekara.federation.connected", this, l -> l.connected ? 1 : 0).tag("agency", agency)
                .description("1 while connected to a partner's TAK server").register(meters);
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofVirtual().name("federation-" + partner.agency()).start(this::run);
    }

    /** True while connected (after the handshake). */
    boolean connected() {
        return connected;
    }

    /** Queues what the partner may have of {@code event}, when connected. */
    void offer(DomainEvent event) {
        if (!connected) {
            return;
        }
        List<byte[]> out = cot.encode(event);
        if (out.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (!connected || broken) {
                return;
            }
            if (queue.size() + out.size() > CAPACITY) {
                LOG.warn("federation to {}: {} events queued, connection dropped to start again from the latest state",
                        partner.agency(), queue.size());
                failed.increment(out.size());
                broken = true;
            } else {
                queue.addAll(out);
            }
            notifyAll();
        }
    }

    private void run() {
        Duration wait = partner.reconnectMin();
        boolean failing = false;
        boolean first = true;
        while (!isClosed()) {
            if (!first) {
                reconnects.increment();
            }
            first = false;
            Socket s = null;
            try {
                s = connect();
                wait = partner.reconnectMin();
                failing = false;
                stream(s);
            } catch (IOException | RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                if (connected) {
                    record("federation.disconnect", "lost: " + e.getMessage());
                    LOG.warn("federation to {} lost: {}", partner.agency(), e.getMessage());
                } else {
                    connectFailures.increment();
                    if (!failing) {
                        record("federation.connect", "failed: " + e.getMessage());
                        LOG.warn("federation to {} ({}:{}) failed, trying again: {}", partner.agency(), partner.host(),
                                partner.port(), e.getMessage());
                    }
                    failing = true;
                }
            } finally {
                disconnected(s);
            }
            if (!pause(wait)) {
                break;
            }
            wait = wait.multipliedBy(2).compareTo(partner.reconnectMax()) > 0 ? partner.reconnectMax()
                    : wait.multipliedBy(2);
        }
    }

    private Socket connect() throws IOException {
        Socket plain = new Socket();
        synchronized (this) {
            socket = plain;
        }
        plain.connect(new InetSocketAddress(partner.host(), partner.port()), CONNECT_TIMEOUT_MS);
        SSLSocket s = (SSLSocket) factory.createSocket(plain, partner.host(), partner.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(CONNECT_TIMEOUT_MS);
        synchronized (this) {
            socket = s;
        }
        s.startHandshake();
        s.setSoTimeout(0);
        s.setKeepAlive(true);
        return s;
    }

    /** Sends the latest state, then the queue, until the connection breaks or the link closes. */
    private void stream(Socket s) throws IOException {
        synchronized (this) {
            queue.clear();
            broken = false;
            connected = true;
        }
        Thread.ofVirtual().name("federation-read-" + partner.agency()).start(() -> discardInput(s));
        OutputStream out = new BufferedOutputStream(s.getOutputStream());
        List<byte[]> latest = cot.snapshot();
        for (byte[] e : latest) {
            out.write(e);
        }
        out.flush();
        sent.increment(latest.size());
        record("federation.connect", "ok: " + latest.size() + " objects sent");
        LOG.info("federation to {} ({}:{}) connected: {} objects sent", partner.agency(), partner.host(),
                partner.port(), latest.size());
        while (true) {
            byte[] next;
            synchronized (this) {
                while (queue.isEmpty() && !broken && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                if (broken) {
                    throw new IOException("the connection broke or fell behind");
                }
                next = queue.poll();
            }
            try {
                out.write(next);
                if (queueEmpty()) {
                    out.flush();
                }
            } catch (IOException e) {
                failed.increment();
                throw e;
            }
            sent.increment();
        }
    }

    private synchronized boolean queueEmpty() {
        return queue.isEmpty();
    }

    /** Reads (and drops) what the partner's server sends, so its writes never stall; the end of it breaks the link. */
    private void discardInput(Socket s) {
        byte[] buf = new byte[8192];
        try (InputStream in = s.getInputStream()) {
            while (in.read(buf) >= 0) {
                // The partner's own traffic (pings, its clients' SA) is not for us.
            }
        } catch (IOException e) {
            // the connection ended: the writer learns below
        }
        synchronized (this) {
            if (socket == s) {
                broken = true;
                notifyAll();
            }
        }
    }

    private void disconnected(Socket s) {
        int lost;
        synchronized (this) {
            lost = queue.size();
            queue.clear();
            connected = false;
            socket = null;
            notifyAll();
        }
        failed.increment(lost);
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Waits {@code d} or until closed; false when closed. */
    private synchronized boolean pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (!closed) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void record(String action, String outcome) {
        try {
            audit.record(ACTOR, action, partner.agency(), outcome, partner.host() + ":" + partner.port());
        } catch (RuntimeException e) {
            LOG.warn("federation to {}: audit entry not stored ({}): {}", partner.agency(), action, e.getMessage());
        }
    }

    @Override
    public void close() {
        Socket s;
        Thread t;
        boolean was = connected;
        synchronized (this) {
            closed = true;
            s = socket;
            t = thread;
            notifyAll();
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (was) {
            record("federation.disconnect", "closed");
        }
    }
}
