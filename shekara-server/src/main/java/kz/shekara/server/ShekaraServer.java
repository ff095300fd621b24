package kz.shekara.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import kz.shekara.server.source.SimulationSource;
import kz.shekara.server.source.SimulationSourceConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.LiveStateConfig;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one running Shekara — bus, live picture, TAK/CoT server, web map and API,
 * and the feeds (built-in scenario or a JSONL replay) — wired from a validated {@link ShekaraConfig}.
 * Components start in dependency order and close in reverse. Thread-safe to close once.
 */
public final class ShekaraServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShekaraServer.class);
    /** How far outside every sector polygon an event still belongs to the nearest sector, metres. */
    private static final double SECTOR_REACH_M = 25_000;

    /** The ports bound; {@code udp} is -1 when UDP input is off. */
    public record Ports(int http, int cot, int udp) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Theatre theatre;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Bus bus;
    private Ports ports;
    private SimulationSource simulation;
    private JsonlReplaySource replay;

    private ShekaraServer(Theatre theatre, Bus bus) {
        this.theatre = theatre;
        this.bus = bus;
    }

    /**
     * Starts everything the config asks for; with a non-null {@code replayConfig} the recorded file
     * is fed instead of (or besides) the scenario. On failure what was started is closed again.
     */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, ReplayConfig replayConfig)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(theatre, "theatre");
        Objects.requireNonNull(clock, "clock");
        ShekaraServer s = new ShekaraServer(theatre, new InMemoryBus());
        s.started.push(s.bus);
        try {
            s.startComponents(config, clock, replayConfig);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startComponents(ShekaraConfig config, Clock clock, ReplayConfig replayConfig) throws IOException {
        SectorLocator sectors = new SectorLocator(theatre, SECTOR_REACH_M);

        LiveState live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        started.push(live);

        CotServerConfig cotConfig = CotServerConfig.of(config.cot());
        CotServer cot = new CotServer(cotConfig, bus, theatre.defaultMarking(), meters, clock,
                ll -> sectors.locate(ll[0], ll[1]).map(Sector::id).orElse(""));
        int cotPort = cot.start();
        started.push(cot);

        ApiServer api = new ApiServer(new HttpConfig(config.http().bind(), config.http().port()), theatre, live, bus,
                meters, clock);
        int httpPort = api.start();
        started.push(api);
        ports = new Ports(httpPort, cotPort, cot.udpPort());

        if (config.simulation().enabled()) {
            simulation = new SimulationSource(
                    SimulationSourceConfig.demo(config.simulation().seed(), config.simulation().speed()),
                    theatre, bus, meters, clock);
            simulation.start();
            started.push(simulation);
        }
        if (replayConfig != null) {
            replay = new JsonlReplaySource(replayConfig, theatre, bus, meters, clock);
            replay.start();
            started.push(replay);
        }
        LOG.info("theatre '{}': {} sectors, {} zones, {} sensors, {} units", theatre.name(), theatre.sectors().size(),
                theatre.zones().size(), theatre.sensors().size(), theatre.units().size());
    }

    public Ports ports() {
        return ports;
    }

    public Theatre theatre() {
        return theatre;
    }

    public Bus bus() {
        return bus;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The JSONL replay being fed, or null when none. */
    public JsonlReplaySource replay() {
        return replay;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
