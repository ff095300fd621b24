package kz.shekara.server.api;

import java.nio.file.Path;
import java.time.Clock;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.theatre.Theatre;

/** A live server on free local ports (TLS off) over {@code dataDir}, with the demo accounts of every role. */
final class SeededServer {
    private SeededServer() {
    }

    static ShekaraServer start(Path dataDir, Theatre theatre) throws Exception {
        ShekaraConfig cfg = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(dataDir).validate();
        TestAccounts.seed(cfg, theatre);
        return ShekaraServer.start(cfg, theatre, Clock.systemUTC(), null);
    }
}
