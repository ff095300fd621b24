package kz.shekara.server.report;

import static kz.shekara.server.report.Markup.xy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Incidents over time as an inline SVG bar chart: the period cut into bins from its start (an hour
 * for periods up to two days, a day up to 62 days, else a week), one bar per bin with the number of
 * incidents whose alert falls in it ({@code data-start}, {@code data-count} on each bar). Stateless.
 */
final class TimelinePlot {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int RIGHT = 745;
    private static final int TOP = 10;
    private static final int BOTTOM = 180;

    private TimelinePlot() {
    }

    static Duration bin(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        if (span.compareTo(Duration.ofDays(2)) <= 0) {
            return Duration.ofHours(1);
        }
        return span.compareTo(Duration.ofDays(62)) <= 0 ? Duration.ofDays(1) : Duration.ofDays(7);
    }

    static String draw(List<Instant> alerts, Instant from, Instant to, ZoneOffset zone) {
        Duration bin = bin(from, to);
        int n = (int) Math.max(1, (Duration.between(from, to).toMillis() + bin.toMillis() - 1) / bin.toMillis());
        int[] counts = new int[n];
        for (Instant a : alerts) {
            int i = (int) (Duration.between(from, a).toMillis() / bin.toMillis());
            if (!a.isBefore(from) && i < n) {
                counts[i]++;
            }
        }
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        Axis scale = Axis.of(max, 4, true);
        double axis = scale.end();
        DateTimeFormatter label = DateTimeFormatter.ofPattern(bin.toHours() < 24 ? "dd.MM HH:mm" : "dd.MM", Locale.ROOT)
                .withZone(zone);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot timeline\" data-bin-s=\"")
                .append(bin.toSeconds()).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\">\n");
        for (int i = 0; i <= scale.steps(); i++) {
            double v = scale.step() * i;
            double y = BOTTOM - (BOTTOM - TOP) * v / axis;
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(xy(y)).append("\" x2=\"")
                    .append(RIGHT).append("\" y2=\"").append(xy(y)).append("\"/>\n");
            b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(xy(y + 4))
                    .append("\" text-anchor=\"end\">").append(Markup.num(v, 2)).append("</text>\n");
        }
        double w = (RIGHT - LEFT) / (double) n;
        int every = (int) Math.ceil(n / 8.0);
        for (int i = 0; i < n; i++) {
            Instant start = from.plus(bin.multipliedBy(i));
            double h = (BOTTOM - TOP) * counts[i] / axis;
            double x = LEFT + i * w;
            b.append("<rect class=\"bar\" data-start=\"").append(start).append("\" data-count=\"").append(counts[i])
                    .append("\" x=\"").append(xy(x + w * 0.1)).append("\" y=\"").append(xy(BOTTOM - h))
                    .append("\" width=\"").append(xy(Math.max(w * 0.8, 0.5))).append("\" height=\"").append(xy(h))
                    .append("\"><title>").append(label.format(start)).append(": ").append(counts[i])
                    .append("</title></rect>\n");
            if (i % every == 0) {
                b.append("<text class=\"tick\" x=\"").append(xy(x + w / 2)).append("\" y=\"").append(BOTTOM + 16)
                        .append("\" text-anchor=\"middle\">").append(label.format(start)).append("</text>\n");
            }
        }
        return b.append("</svg>\n").toString();
    }
}
