package kz.shekara.bench.soak;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile CoT client: on a few connections of its own, it sends a seeded random mix of valid reports
 * (uids {@code FUZZ-N}) and what no device should send: random bytes, a valid event cut off and the
 * connection closed, an event over the size limit, broken XML, a DTD, coordinates and times out of
 * range, a report an hour ahead. It reconnects whenever it or the server closes a connection.
 * Thread-safe.
 */
final class SoakFuzzer implements AutoCloseable {
    /** What the fuzzer sends, one kind per write. */
    enum Kind { VALID, GARBAGE, TRUNCATED, OVERSIZED, MALFORMED_XML, DTD, BAD_COORDINATES, YEAR_9999, HOUR_AHEAD }

    private final int port;
    private final int connections;
    private final Duration pause;
    private final ExerciseTime time;
    private final long seed;
    private final Map<Kind, AtomicLong> sent = new EnumMap<>(Kind.class);
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    SoakFuzzer(int port, int connections, Duration pause, ExerciseTime time, long seed) {
        this.port = port;
        this.connections = connections;
        this.pause = pause;
        this.time = time;
        this.seed = seed;
        for (Kind k : Kind.values()) {
            sent.put(k, new AtomicLong());
        }
    }

    void start() {
        for (int i = 0; i < connections; i++) {
            SplittableRandom random = new SplittableRandom(seed + i);
            int conn = i;
            threads.add(Thread.ofVirtual().name("fuzz-" + i).start(() -> run(conn, random)));
        }
    }

    private void run(int conn, SplittableRandom random) {
        while (running) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                Thread.ofVirtual().start(() -> SoakDevices.drain(s, bytesRead));
                OutputStream out = s.getOutputStream();
                boolean open = true;
                while (running && open) {
                    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                    out.write(bytes(kind, conn, random));
                    out.flush();
                    sent.get(kind).incrementAndGet();
                    open = kind != Kind.TRUNCATED;
                    Thread.sleep(pause);
                }
            } catch (IOException e) {
                // closed by the server: counted below, then connect again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reconnects.incrementAndGet();
        }
    }

    private byte[] bytes(Kind kind, int conn, SplittableRandom random) {
        Instant t = time.now();
        String uid = "FUZZ-" + conn;
        String valid = event(uid, t, "42.31", "69.61", "");
        return switch (kind) {
            case VALID -> utf8(valid);
            case GARBAGE -> {
                byte[] b = new byte[1 + random.nextInt(2048)];
                random.nextBytes(b);
                yield b;
            }
            case TRUNCATED -> utf8(valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
            case OVERSIZED -> utf8(event(uid, t, "42.31", "69.61", "<remarks>" + "x".repeat(200_000)
                    + "</remarks>"));
            case MALFORMED_XML -> utf8(valid.replace("<detail>", "<detail><contact callsign=\"a\"<<"));
            case DTD -> utf8("<?xml version=\"1.0\"?><!DOCTYPE event [<!ENTITY x \"x\">]>" + valid);
            case BAD_COORDINATES -> utf8(event(uid, t, "142.31", "NaN", ""));
            case YEAR_9999 -> utf8(valid.replace(t.toString(), "9999-12-31T23:59:59Z").replace(t.plusSeconds(120).toString(),
                    "9999-12-31T23:59:59Z"));
            case HOUR_AHEAD -> utf8(event(uid, t.plus(Duration.ofHours(1)), "42.31", "69.61", ""));
        };
    }

    private static String event(String uid, Instant time, String lat, String lon, String extra) {
        return "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + time
                + "\" start=\"" + time + "\" stale=\"" + time.plusSeconds(120) + "\"><point lat=\"" + lat + "\" lon=\"" + lon
                + "\" hae=\"300.0\" ce=\"10.0\" le=\"9999999.0\"/><detail><contact callsign=\"" + uid + "\"/>" + extra
                + "</detail></event>";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes of each kind so far. */
    Map<Kind, Long> sent() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        sent.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long total() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
