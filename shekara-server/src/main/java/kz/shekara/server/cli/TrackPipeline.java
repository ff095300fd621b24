package kz.shekara.server.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.regex.Pattern;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.adapter.DecodeException;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.SectorRouter;

/**
 * The batch {@code track} run as three stages on three threads: a reader thread reads and decodes the
 * detections file and works out each detection's route to the sectors ({@link SectorRouter}), the
 * calling thread tracks, a writer thread encodes and writes the track lines. The
 * stages hand on batches of lines in file order through bounded queues, and only the calling thread
 * touches the tracker and the error stream, so output and messages are those of one thread doing
 * all three. One run per instance; not reusable.
 */
final class TrackPipeline {
    /** Input lines per batch handed from the reader to the tracker. */
    private static final int BATCH_LINES = 2048;
    /** Batches a stage may run ahead of the next. */
    private static final int QUEUE_BATCHES = 8;
    private static final Pattern ISO_TIME = Pattern.compile("\"time\"\\s*:\\s*\"");

    /** What the run did: its exit code and the figures the command reports. */
    record Outcome(int exit, long lines, long bad, long written, int tracks) {
    }

    /** What the tracking stage did. */
    private record Tracked(int exit, long lines, long bad) {
    }

    /**
     * One detection line's outcome: a detection, or the reason it was refused. {@code secondsTimes}
     * says whether the line gave its time in seconds (read for the first detection only).
     */
    private record Line(long number, Detection detection, SectorRouter.Route route, DecodeException refused,
                        boolean secondsTimes) {
    }

    /** A batch of lines; the last one of the file carries its line count, or what stopped the reader. */
    private record Batch(List<Line> lines, long linesRead, boolean last, IOException failure) {
    }

    /** Track updates to write with a codec; the one without updates ends the writer. */
    private record Output(JsonlCodec codec, List<TrackUpdate> updates) {
    }

    private static final Output END = new Output(null, List.of());

    private final Path in;
    private final JsonlCodec reader;
    private final Function<Boolean, JsonlCodec> writerFor;
    private final boolean skipBad;
    private final PrintWriter err;
    private final BlockingQueue<Batch> read = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final BlockingQueue<Output> toWrite = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private long written;
    private final Set<String> ids = new HashSet<>();
    private IOException writeFailure;

    /**
     * @param writerFor the codec to write tracks with, given whether the first detection's time was in
     *                  seconds
     */
    TrackPipeline(Path in, JsonlCodec reader, Function<Boolean, JsonlCodec> writerFor, boolean skipBad,
                  PrintWriter err) {
        this.in = in;
        this.reader = reader;
        this.writerFor = writerFor;
        this.skipBad = skipBad;
        this.err = err;
    }

    /** Runs the lines of {@code input} through {@code tracker} into {@code out}; closes both. */
    Outcome run(Utf8Lines input, MultiSectorTracker tracker, OutputStream out)
            throws IOException, InterruptedException {
        Thread readerThread = start("track-reader", () -> readAll(input, tracker.router()));
        Thread writerThread = start("track-writer", () -> writeAll(out));
        Tracked t;
        try {
            t = track(tracker);
        } finally {
            readerThread.interrupt();
            toWrite.put(END);
            writerThread.join();
            readerThread.join();
            try (input; out) {
                if (writeFailure != null) {
                    throw writeFailure;
                }
            }
        }
        return new Outcome(t.exit(), t.lines(), t.bad(), written, ids.size());
    }

    private Tracked track(MultiSectorTracker tracker) throws IOException, InterruptedException {
        long bad = 0;
        JsonlCodec writer = null;
        while (true) {
            Batch b = read.take();
            if (b.failure() != null) {
                throw b.failure();
            }
            List<TrackUpdate> updates = new ArrayList<>();
            for (Line l : b.lines()) {
                if (l.refused() != null) {
                    bad++;
                    err.printf("%s:%d: %s: %s%n", in, l.number(), l.refused().reason(), l.refused().getMessage());
                    if (!skipBad) {
                        err.println("shekara: stopped at the first bad line (use --skip-bad to skip bad lines)");
                        hand(writer, updates);
                        return new Tracked(1, l.number(), bad);
                    }
                    continue;
                }
                if (writer == null) {
                    writer = writerFor.apply(l.secondsTimes());
                }
                updates.addAll(tracker.accept(l.detection(), l.route()));
            }
            if (b.last()) {
                if (writer != null) {
                    updates.addAll(tracker.flush());
                }
                hand(writer, updates);
                return new Tracked(0, b.linesRead(), bad);
            }
            hand(writer, updates);
        }
    }

    private void hand(JsonlCodec writer, List<TrackUpdate> updates) throws InterruptedException {
        if (!updates.isEmpty()) {
            toWrite.put(new Output(writer, updates));
        }
    }

    private void readAll(Utf8Lines r, SectorRouter router) {
        long number = 0;
        boolean first = true;
        try {
            List<Line> batch = new ArrayList<>(BATCH_LINES);
            String line;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (!(reader.decodeSensorReport(line) instanceof Detection d)) {
                        continue; // a sensor's heartbeat: nothing to track
                    }
                    batch.add(new Line(number, d, router.route(d), null, first && !ISO_TIME.matcher(line).find()));
                    first = false;
                } catch (DecodeException e) {
                    batch.add(new Line(number, null, null, e, false));
                }
                if (batch.size() == BATCH_LINES) {
                    read.put(new Batch(batch, number, false, null));
                    batch = new ArrayList<>(BATCH_LINES);
                }
            }
            read.put(new Batch(batch, number, true, null));
        } catch (IOException e) {
            putFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run has stopped: nothing more to hand on
        }
    }

    private void putFailure(IOException e) {
        try {
            read.put(new Batch(List.of(), 0, true, e));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeAll(OutputStream out) {
        try {
            while (true) {
                Output o = toWrite.take();
                if (o == END) {
                    return;
                }
                if (writeFailure != null) {
                    continue; // drain, so that the tracking thread never waits on a dead writer
                }
                try {
                    for (TrackUpdate u : o.updates()) {
                        // A line is ASCII but for unusual track ids: its UTF-8 bytes are then a plain copy.
                        out.write(o.codec().encodeTrack(u).getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        ids.add(u.track());
                    }
                    written += o.updates().size();
                } catch (IOException e) {
                    writeFailure = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(String name, Runnable stage) {
        Thread t = new Thread(stage, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
