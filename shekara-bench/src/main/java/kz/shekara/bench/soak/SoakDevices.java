package kz.shekara.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * TAK devices on plain TCP: each sends its situation report (a position moving on a small circle)
 * every {@code saEvery}, and a GeoChat to All Chat Rooms every {@code chatEvery}, under its own uid
 * {@code SOAK-NNN}, and reads whatever the server relays to it. A report counts as sent once written
 * and flushed; a broken connection is counted and made again. Thread-safe.
 */
final class SoakDevices implements AutoCloseable {
    static final String UID_PREFIX = "SOAK-";

    private final int port;
    private final int count;
    private final Duration saEvery;
    private final Duration chatEvery;
    private final ExerciseTime time;
    private final AtomicLongArray saSent;
    private final AtomicLongArray chatSent;
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    SoakDevices(int port, int count, Duration saEvery, Duration chatEvery, ExerciseTime time) {
        this.port = port;
        this.count = count;
        this.saEvery = saEvery;
        this.chatEvery = chatEvery;
        this.time = time;
        this.saSent = new AtomicLongArray(count);
        this.chatSent = new AtomicLongArray(count);
    }

    static String uid(int device) {
        return String.format(Locale.ROOT, "%s%03d", UID_PREFIX, device);
    }

    /** Starts every device, spread over the first report interval. */
    void start() {
        for (int i = 0; i < count; i++) {
            int device = i;
            long offset = saEvery.toNanos() * i / count;
            threads.add(Thread.ofVirtual().name(uid(i)).start(() -> run(device, offset)));
        }
    }

    private void run(int device, long offsetNanos) {
        sleepNanos(offsetNanos);
        Instant last = Instant.EPOCH;
        long nextSa = System.nanoTime();
        long nextChat = nextSa + chatEvery.toNanos() * (device + 1) / count;
        long step = 0;
        while (running) {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                Thread reader = Thread.ofVirtual().start(() -> drain(s, bytesRead));
                OutputStream out = s.getOutputStream();
                while (running) {
                    long now = System.nanoTime();
                    if (now >= nextSa) {
                        Instant t = later(last, time.now());
                        last = t;
                        out.write(sa(device, t, step++).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        saSent.incrementAndGet(device);
                        nextSa += saEvery.toNanos();
                    }
                    if (now >= nextChat) {
                        Instant t = later(last, time.now());
                        last = t;
                        out.write(chat(device, t).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        chatSent.incrementAndGet(device);
                        nextChat += chatEvery.toNanos();
                    }
                    sleepNanos(Math.min(nextSa, nextChat) - System.nanoTime());
                }
                s.shutdownOutput();
                reader.join(2000);
            } catch (IOException e) {
                if (running) {
                    disconnects.incrementAndGet();
                    sleepNanos(1_000_000_000L);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Instant later(Instant last, Instant t) {
        return t.isAfter(last) ? t : last.plusMillis(1);
    }

    /** Reads and drops what the server sends on {@code s} until it ends, adding the bytes to {@code bytesRead}. */
    static void drain(Socket s, AtomicLong bytesRead) {
        byte[] buf = new byte[65_536];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                bytesRead.addAndGet(n);
            }
        } catch (IOException e) {
            // the connection ended; the writer notices and reconnects
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String sa(int device, Instant t, long step) {
        double angle = step * 0.05 + device;
        double lat = 42.25 + (device % 10) * 0.02 + 0.005 * Math.sin(angle);
        double lon = 69.50 + (device / 10) * 0.02 + 0.005 * Math.cos(angle);
        return String.format(Locale.ROOT, "<event version=\"2.0\" uid=\"%s\" type=\"a-f-G-U-C\" how=\"m-g\""
                + " time=\"%s\" start=\"%s\" stale=\"%s\"><point lat=\"%.6f\" lon=\"%.6f\" hae=\"300.0\" ce=\"10.0\""
                + " le=\"9999999.0\"/><detail><contact callsign=\"S%03d\" endpoint=\"*:-1:stcp\"/>"
                + "<__group name=\"Cyan\" role=\"Team Member\"/><track course=\"%.1f\" speed=\"1.5\"/></detail></event>",
                uid(device), t, t, t.plusSeconds(120), lat, lon, device, Math.toDegrees(angle) % 360);
    }

    private static String chat(int device, Instant t) {
        String id = UUID.randomUUID().toString();
        String uid = uid(device);
        return "<event version=\"2.0\" uid=\"GeoChat." + uid + ".All Chat Rooms." + id + "\" type=\"b-t-f\""
                + " how=\"h-g-i-g-o\" time=\"" + t + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(86_400) + "\">"
                + "<point lat=\"42.3\" lon=\"69.6\" hae=\"300.0\" ce=\"9.9\" le=\"9999999.0\"/><detail>"
                + "<__chat parent=\"RootContactGroup\" groupOwner=\"false\" chatroom=\"All Chat Rooms\""
                + " id=\"All Chat Rooms\" senderCallsign=\"S" + uid.substring(UID_PREFIX.length()) + "\" messageId=\"" + id + "\">"
                + "<chatgrp uid0=\"" + uid + "\" uid1=\"All Chat Rooms\" id=\"All Chat Rooms\"/></__chat>"
                + "<link uid=\"" + uid + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/>"
                + "<remarks source=\"BAO.F.ATAK." + uid + "\" to=\"All Chat Rooms\" time=\"" + t + "\">patrol " + uid
                + " on its round</remarks></detail></event>";
    }

    long saSent(int device) {
        return saSent.get(device);
    }

    long chatSent(int device) {
        return chatSent.get(device);
    }

    /** Reports and chats sent so far by every device. */
    long sent() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += saSent.get(i) + chatSent.get(i);
        }
        return n;
    }

    long disconnects() {
        return disconnects.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }

    int count() {
        return count;
    }

    /** Stops sending; every device closes its connection cleanly. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000); // a device finishes the write it is in and closes; no interrupt cuts a report
        }
    }
}
