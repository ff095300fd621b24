package kz.shekara.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.source.ReplayConfig;
import kz.shekara.theatre.Theatre;

/** Starts a {@link ShekaraServer}, prints its ports on one line and runs it until the process is stopped. */
final class ServerRun {
    private ServerRun() {
    }

    /** Starts the server and prints {@code shekara: http=P cot=P|off udp=P|off tls=P|off web=URL} on {@code out}. */
    static ShekaraServer start(ShekaraConfig config, Theatre theatre, ReplayConfig replay, PrintWriter out)
            throws IOException {
        return started(ShekaraServer.start(config, theatre, Clock.systemUTC(), replay), config, out);
    }

    /** Prints the ports of a started server as {@link #start} does; returns it. */
    static ShekaraServer started(ShekaraServer server, ShekaraConfig config, PrintWriter out) {
        ShekaraServer.Ports p = server.ports();
        String host = "0.0.0.0".equals(config.http().bind()) ? "localhost" : config.http().bind();
        out.printf("shekara: http=%d cot=%s udp=%s tls=%s web=http://%s:%d/%n", p.http(), portOrOff(p.cot()),
                portOrOff(p.udp()), portOrOff(p.tls()), host, p.http());
        out.flush();
        return server;
    }

    private static String portOrOff(int port) {
        return port < 0 ? "off" : Integer.toString(port);
    }

    /** Blocks until SIGINT/SIGTERM, then closes the server. */
    static int runUntilStopped(ShekaraServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shekara-shutdown"));
        stopped.await();
        return 0;
    }
}
