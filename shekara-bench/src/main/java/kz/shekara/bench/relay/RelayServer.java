package kz.shekara.bench.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.StoreConfig;

/**
 * The server side of {@link CotRelayBench}, run in a process of its own so its CPU can be measured:
 * {@code shekara} is Shekara's CoT server with its durable bus over a real SQLite file (default store
 * settings: synchronous FULL, group commit), {@code bare} the {@link BareRelay}; over {@code tcp} or
 * {@code tls} (a client certificate required, from the certificate authority in {@code dir}). Prints
 * {@code port=P} once it listens, answers a {@code stats} line on its standard input with one line of
 * its counters ({@code in=… out=… slow=… rejected=…}: events accepted, events written to clients,
 * clients dropped as too slow, inputs rejected), and runs until its standard input closes.
 *
 * <p>Usage: {@code RelayServer shekara|bare tcp|tls DIR}.
 */
public final class RelayServer {
    private RelayServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        boolean tls = "tls".equals(args[1]);
        Path dir = Path.of(args[2]);
        SSLContext context = tls ? CertificateAuthority.open(dir, Clock.systemUTC())
                .serverContext((reason, subject) -> System.err.println("refused " + reason + ": " + subject)) : null;
        AutoCloseable running;
        Supplier<String> stats;
        int port;
        if ("bare".equals(kind)) {
            ServerSocket ss = tls ? tlsSocket(context) : new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            BareRelay bare = new BareRelay(ss);
            running = bare;
            stats = () -> "in=" + bare.eventsIn() + " out=" + bare.eventsOut() + " slow=0 rejected=0";
            port = ss.getLocalPort();
        } else {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EventLog log = EventLogs.open(null, dir.resolve("data"), StoreConfig.defaults());
            LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of());
            bus.start();
            CotServer server = new CotServer(CotServerConfig.defaults().withBindHost("127.0.0.1").withPort(tls ? -1 : 0),
                    bus, Marking.of(Classification.UNCLASSIFIED, "BENCH", List.of()), registry, Clock.systemUTC());
            port = server.start();
            if (tls) {
                port = server.startTls(context, 0, user -> java.util.Optional.empty());
            }
            stats = () -> String.format(Locale.ROOT, "in=%.0f out=%.0f slow=%.0f rejected=%.0f",
                    registry.get("shekara.adapter.events.in").counter().count(),
                    registry.get("shekara.adapter.events.out").counter().count(),
                    registry.get("shekara.cot.slow.clients").counter().count(),
                    registry.find("shekara.adapter.rejections").counters().stream().mapToDouble(c -> c.count()).sum());
            running = () -> {
                server.close();
                bus.close();
                log.close();
                System.err.printf("stored %.0f events%n", registry.get("shekara.store.appended").counter().count());
            };
        }
        System.out.println("port=" + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) { // runs until the driver closes our input
            if ("stats".equals(line)) {
                System.out.println(stats.get());
                System.out.flush();
            }
        }
        running.close();
    }

    private static ServerSocket tlsSocket(SSLContext context) throws IOException {
        SSLServerSocket ss = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1024,
                InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        ss.setNeedClientAuth(true);
        return ss;
    }
}
