package kz.shekara.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;

/**
 * The radar load model of {@link AlertLatencyBench} ({@link RadarLoad#targets}: real movers shared over
 * the theatre's radars plus Poisson clutter filling the plot rate, each radar scanning every
 * {@code periodS} seconds; clutter optionally the same for every radar) written as a JSONL recording for {@code replay}, {@code process} and
 * {@code publish}: one line per plot, in time order, times in seconds from the start of the file.
 */
public final class RadarRecording {
    private RadarRecording() {
    }

    /** What was written. */
    public record Written(long plots, int radars, int movers) {
    }

    /**
     * Writes {@code seconds} of plots at a mean of {@code rate} plots a second to {@code out}.
     *
     * @param targets real movers over all the radars
     * @param periodS every radar's scan period in seconds (0: each radar's own period from the theatre)
     * @param seed the random seed: the same arguments give the same file
     * @param clutterByArea clutter in proportion to each radar's disc (true) or the same for every radar
     */
    public static Written write(Theatre theatre, Path out, double rate, int targets, double periodS, double seconds,
                                long seed, boolean clutterByArea) throws IOException {
        List<Sensor> radars = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).toList();
        if (radars.isEmpty()) {
            throw new IllegalStateException("the theatre has no radar to make plots");
        }
        List<RadarLoad> loads = RadarLoad.targets(radars, rate, targets, periodS, seed, clutterByArea);
        // The feed is used only for its scans (never run, so it publishes nothing).
        RadarFeed feed = new RadarFeed(null, loads, 1, Instant.EPOCH, 0, 0, theatre.defaultMarking(), seed, 1);
        record Due(double t, RadarLoad radar) {
        }
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Double.compare(a.t(), b.t()));
        java.util.SplittableRandom phase = new java.util.SplittableRandom(seed);
        loads.forEach(r -> queue.add(new Due(phase.nextDouble(r.periodS), r)));
        long plots = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            while (!queue.isEmpty() && queue.peek().t() < seconds) {
                Due due = queue.poll();
                RadarLoad r = due.radar();
                String time = String.format(Locale.ROOT, "%.3f", due.t());
                for (Detection d : feed.scan(r, Instant.EPOCH)) {
                    w.write(String.format(Locale.ROOT,
                            "{\"time\":%s,\"sensor\":\"%s\",\"lat\":%.7f,\"lon\":%.7f,\"sigma_m\":%s,\"kind\":\"radar\"}%n",
                            time, d.sensor(), d.lat(), d.lon(), d.sigmaM()));
                    plots++;
                }
                r.advance(r.periodS);
                queue.add(new Due(due.t() + r.periodS, r));
            }
        }
        return new Written(plots, loads.size(), feed.movers());
    }
}
