package kz.shekara.server.report;

import static kz.shekara.server.report.Markup.esc;
import static kz.shekara.server.report.Markup.num;
import static kz.shekara.server.report.Markup.xy;

import java.util.List;
import kz.shekara.incident.ResponseStatistics.Distribution;

/**
 * A horizontal box plot as inline SVG: one row per group (box from the first to the third quartile,
 * a line at the median, whiskers to the minimum and maximum), on a common axis in minutes. Each
 * row's {@code g} carries {@code data-group}, {@code data-count} and {@code data-median-s}. Stateless.
 */
final class BoxPlot {
    private static final int WIDTH = 640;
    private static final int LEFT = 170;
    private static final int RIGHT = 620;
    private static final int ROW = 30;
    private static final int TOP = 8;

    /** One row: a label and its distribution (seconds). */
    record Row(String key, String label, Distribution d) {
    }

    private BoxPlot() {
    }

    static String draw(String metric, List<Row> rows, ReportText text) {
        double maxMin = 0;
        for (Row r : rows) {
            if (r.d().count() > 0) {
                maxMin = Math.max(maxMin, r.d().maxS() / 60);
            }
        }
        Axis scale = Axis.of(Math.max(maxMin, 1), 5, false);
        double axis = scale.end();
        int height = TOP + rows.size() * ROW + 34;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot box-plot\" data-metric=\"").append(metric)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" role=\"img\">\n");
        double y0 = TOP + rows.size() * ROW;
        for (int i = 0; i <= scale.steps(); i++) {
            double v = scale.step() * i;
            double x = x(v, axis);
            b.append("<line class=\"grid\" x1=\"").append(xy(x)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                    .append(xy(x)).append("\" y2=\"").append(xy(y0)).append("\"/>\n");
            b.append("<text class=\"tick\" x=\"").append(xy(x)).append("\" y=\"").append(xy(y0 + 14))
                    .append("\" text-anchor=\"middle\">").append(num(v, 2)).append("</text>\n");
        }
        b.append("<text class=\"axis-label\" x=\"").append((LEFT + RIGHT) / 2).append("\" y=\"").append(xy(y0 + 30))
                .append("\" text-anchor=\"middle\">").append(esc(text.get("minutes"))).append("</text>\n");
        for (int i = 0; i < rows.size(); i++) {
            row(b, rows.get(i), TOP + i * ROW, axis, text);
        }
        return b.append("</svg>\n").toString();
    }

    private static void row(StringBuilder b, Row r, double top, double axis, ReportText text) {
        Distribution d = r.d();
        double mid = top + ROW / 2.0;
        b.append("<g class=\"box\" data-group=\"").append(esc(r.key())).append("\" data-count=\"").append(d.count())
                .append("\" data-median-s=\"").append(d.count() == 0 ? "" : num(d.medianS(), 3)).append("\">\n");
        b.append("<text class=\"label\" x=\"").append(LEFT - 8).append("\" y=\"").append(xy(mid + 4))
                .append("\" text-anchor=\"end\">").append(esc(r.label())).append(" (").append(d.count())
                .append(")</text>\n");
        if (d.count() == 0) {
            b.append("<text class=\"none\" x=\"").append(LEFT + 4).append("\" y=\"").append(xy(mid + 4)).append("\">")
                    .append(esc(text.get("noData"))).append("</text>\n</g>\n");
            return;
        }
        double lo = x(d.minS() / 60, axis);
        double hi = x(d.maxS() / 60, axis);
        double q1 = x(d.p25S() / 60, axis);
        double q3 = x(d.p75S() / 60, axis);
        double med = x(d.medianS() / 60, axis);
        line(b, "whisker", lo, mid, hi, mid);
        line(b, "whisker", lo, mid - 6, lo, mid + 6);
        line(b, "whisker", hi, mid - 6, hi, mid + 6);
        b.append("<rect class=\"iqr\" x=\"").append(xy(q1)).append("\" y=\"").append(xy(mid - 9)).append("\" width=\"")
                .append(xy(Math.max(q3 - q1, 1))).append("\" height=\"18\"/>\n");
        line(b, "median", med, mid - 10, med, mid + 10);
        b.append("<title>").append(esc(r.label())).append(": ").append(esc(text.get("median"))).append(' ')
                .append(Markup.duration(d.medianS())).append(", ").append(esc(text.get("p90"))).append(' ')
                .append(Markup.duration(d.p90S())).append(", ").append(esc(text.get("max"))).append(' ')
                .append(Markup.duration(d.maxS())).append("</title>\n</g>\n");
    }

    private static void line(StringBuilder b, String cls, double x1, double y1, double x2, double y2) {
        b.append("<line class=\"").append(cls).append("\" x1=\"").append(xy(x1)).append("\" y1=\"").append(xy(y1))
                .append("\" x2=\"").append(xy(x2)).append("\" y2=\"").append(xy(y2)).append("\"/>\n");
    }

    private static double x(double minutes, double axis) {
        return LEFT + (RIGHT - LEFT) * minutes / axis;
    }
}
