package kz.shekara.server.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a recorded detections JSONL file (and optionally a unit positions file, merged by time) into
 * the pipeline: detections on {@link Topic#OBSERVATIONS}, heartbeat lines on {@link Topic#HEARTBEATS}
 * (keyed by the sensor's sector), unit positions on
 * {@link Topic#UNIT_POSITIONS}, keyed by the sector the tracker files them under
 * ({@link SectorLocator#sectorOf}), in time order, as fast as possible
 * or paced by the configured speed. Events take the theatre's default marking, flagged exercise
 * unless configured otherwise. A bad line is logged with its file and line number, counted in
 * {@code shekara.adapter.rejections{adapter=jsonl,reason}} and skipped; the replay goes on. Runs on
 * its own thread; the public methods are thread-safe. While the event store refuses writes the replay
 * pauses on the line it could not store and goes on from it when the store is back ({@link StorePause}).
 */
public final class JsonlReplaySource implements AutoCloseable {
    /** What a finished replay published and rejected. */
    public record Summary(long detections, long units, long rejected, long heartbeats) {
        /** A summary of a replay without heartbeat lines. */
        public Summary(long detections, long units, long rejected) {
            this(detections, units, rejected, 0);
        }
    }

    /** One bad line: file, 1-based line number, reason code and message. */
    public record Rejection(Path file, long line, String reason, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JsonlReplaySource.class);
    private static final int KEPT_REJECTIONS = 1000;

    private final ReplayConfig config;
    private final StorePause store;
    private final MeterRegistry registry;
    private final Clock clock;
    private final JsonlCodec codec;
    private final SectorLocator sectors;
    private final java.util.Map<String, String> sensorSectors = new java.util.HashMap<>();
    private final Counter detectionCount;
    private final Counter unitCount;
    private final AtomicLong rejected = new AtomicLong();
    private final List<Rejection> rejections = new ArrayList<>();
    private final CompletableFuture<Summary> completion = new CompletableFuture<>();
    private volatile Thread thread;
    private volatile boolean closed;

    public JsonlReplaySource(ReplayConfig config, Theatre theatre, Bus bus, MeterRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = new StorePause("replay", Objects.requireNonNull(bus, "bus"), registry);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        Marking marking = config.exercise() ? theatre.defaultMarking().asExercise() : theatre.defaultMarking();
        this.codec = new JsonlCodec(config.epoch(), false, marking);
        this.sectors = new SectorLocator(theatre);
        theatre.sensors().forEach(s -> sensorSectors.put(s.id(), s.sector() == null ? "" : s.sector()));
        detectionCount = registry.counter("shekara.source.events", "source", "replay", "topic",
                Topic.OBSERVATIONS.name());
        unitCount = registry.counter("shekara.source.events", "source", "replay", "topic",
                Topic.UNIT_POSITIONS.name());
    }

    /** Starts the replay thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofPlatform().daemon().name("jsonl-replay").start(this::run);
    }

    /** Completes when both files are read to the end; exceptionally when a file cannot be read. */
    public CompletableFuture<Summary> completion() {
        return completion;
    }

    /** The first bad lines (up to 1,000), in the order met. */
    public synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    @Override
    public void close() {
        closed = true;
        SourceThreads.stop(thread);
        completion.cancel(false);
    }

    private void run() {
        Pacer pacer = new Pacer(clock, config.speed());
        long dets = 0;
        long units = 0;
        long heartbeats = 0;
        try (JsonlLines<DomainEvent> d = new JsonlLines<>(config.detections(), codec::decodeSensorReport, this::reject);
             JsonlLines<UnitPosition> u = config.units() == null ? null
                     : new JsonlLines<>(config.units(), codec::decodeUnitPosition, this::reject)) {
            while (!closed) {
                DomainEvent nd = d.peek();
                UnitPosition nu = u == null ? null : u.peek();
                if (nd == null && nu == null) {
                    break;
                }
                // Ties go to detections first: the order is fixed by the files, not by thread timing.
                DomainEvent next = nu == null || (nd != null && !nd.time().isAfter(nu.time())) ? d.next() : u.next();
                if (!pacer.begun()) {
                    pacer.begin(next.time());
                }
                pacer.awaitDue(next.time());
                if (next instanceof Detection det) {
                    store.publish(Topic.OBSERVATIONS, sectors.sectorOf(det.lat(), det.lon()), det);
                    detectionCount.increment();
                    dets++;
                } else if (next instanceof SensorHeartbeat h) {
                    store.publish(Topic.HEARTBEATS, sensorSectors.getOrDefault(h.sensor(), ""), h);
                    heartbeats++;
                } else if (next instanceof UnitPosition pos) {
                    store.publish(Topic.UNIT_POSITIONS, sectors.sectorOf(pos.lat(), pos.lon()), pos);
                    unitCount.increment();
                    units++;
                }
            }
            Summary summary = new Summary(dets, units, rejected.get(), heartbeats);
            LOG.info("replay of {} done: {} detections, {} heartbeats, {} unit positions, {} bad lines",
                    config.detections(), dets, heartbeats, units, summary.rejected());
            completion.complete(summary);
        } catch (IOException e) {
            LOG.error("replay of {} failed: {}", config.detections(), e.toString());
            completion.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            completion.cancel(false);
        }
    }

    private void reject(Path file, long line, DecodeException e) {
        registry.counter("shekara.adapter.rejections", "adapter", "jsonl", "reason", e.reason()).increment();
        long n = rejected.incrementAndGet();
        synchronized (this) {
            if (rejections.size() < KEPT_REJECTIONS) {
                rejections.add(new Rejection(file, line, e.reason(), e.getMessage()));
            }
        }
        // A broken file must not flood the log: every line of the first hundred, then every thousandth.
        if (n <= 100 || n % 1000 == 0) {
            LOG.warn("{}:{}: rejected ({}): {}", file, line, e.reason(), e.getMessage());
        }
    }
}
