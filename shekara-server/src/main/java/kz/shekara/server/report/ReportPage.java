package kz.shekara.server.report;

import static kz.shekara.server.report.Markup.duration;
import static kz.shekara.server.report.Markup.esc;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseStatistics;
import kz.shekara.incident.ResponseStatistics.Distribution;
import kz.shekara.incident.ResponseStatistics.Group;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentStatus;
import kz.shekara.rules.AlertText;
import kz.shekara.theatre.Theatre;

/**
 * The weekly response review as one self-contained page: well-formed XHTML (so it also parses as
 * XML) with inline CSS and inline SVG plots only — no script, no external style sheet, image or
 * font — so it opens offline. Sections: summary, response time by sector and by unit kind (box
 * plots and a table of count, median, 90th percentile and maximum), incidents over time, a map of
 * incidents, and a table of incidents (with each one's opening alert in the page's language). Times are shown in the theatre's civil time. The same
 * records give the same bytes. Stateless.
 */
public final class ReportPage {
    private static final String[] METRICS = {"alertToDispatch", "dispatchToOnScene", "detectionToOnScene"};
    private static final List<Function<Group, Distribution>> OF = List.of(Group::alertToDispatch,
            Group::dispatchToOnScene, Group::detectionToOnScene);

    private ReportPage() {
    }

    /** The marking banner: the highest classification of the incidents the page covers. */
    private static String banner(List<ResponseRecord> in) {
        kz.shekara.model.Classification c = in.stream().map(r -> r.marking().classification())
                .reduce(kz.shekara.model.Classification.UNCLASSIFIED, kz.shekara.model.Classification::max);
        return "<div class=\"marking-banner\" data-classification=\"" + c.name() + "\">" + c.name() + "</div>\n";
    }

    /** The page for the incidents whose alert is in [from, to), from the records of a whole log. */
    public static String render(Theatre theatre, List<ResponseRecord> records, Instant from, Instant to,
                                ReportText text) {
        return render(theatre, records, from, to, text, Map.of());
    }

    /**
     * The page, with each incident's opening alert (by incident id, where known) written in the page's
     * language in the table of incidents.
     */
    public static String render(Theatre theatre, List<ResponseRecord> records, Instant from, Instant to,
                                ReportText text, Map<String, Alert> openingAlerts) {
        ResponseStatistics stats = ResponseStatistics.of(records, from, to);
        List<ResponseRecord> in = records.stream().filter(r -> !r.alerted().isBefore(from) && r.alerted().isBefore(to))
                .sorted(java.util.Comparator.comparing(ResponseRecord::alerted).thenComparing(ResponseRecord::incident))
                .toList();
        ZoneOffset zone = theatre.timeZone();
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(text.code())
                .append("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>").append(esc(text.get("title"))).append(" — ")
                .append(esc(theatre.name())).append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n")
                .append("</head>\n<body>\n").append(banner(in)).append("<h1>").append(esc(text.get("title"))).append("</h1>\n<p class=\"meta\">")
                .append(esc(text.get("theatre"))).append(": <b>").append(esc(theatre.name())).append("</b> · ")
                .append(esc(text.get("period"))).append(": <b id=\"period\" data-from=\"").append(from)
                .append("\" data-to=\"").append(to).append("\">").append(when.format(from)).append(" — ")
                .append(when.format(to)).append("</b> · ").append(esc(text.format("times",
                        Map.of("offset", zone.getId().equals("Z") ? "+00:00" : zone.getId())))).append("</p>\n");
        summary(b, in, text);
        section(b, "by-sector", text.get("bySector"), stats.sectors(),
                g -> theatre.sector(g.name()).map(x -> x.name() + " (" + x.id() + ")").orElse(g.name()), stats.all(), text);
        section(b, "by-kind", text.get("byKind"), stats.unitKinds(), g -> text.kind(g.name()), stats.all(), text);
        b.append("<section id=\"over-time\">\n<h2>").append(esc(text.get("overTime"))).append("</h2>\n")
                .append(TimelinePlot.draw(in.stream().map(ResponseRecord::alerted).toList(), from, to, zone))
                .append("</section>\n<section id=\"map\">\n<h2>").append(esc(text.get("map"))).append("</h2>\n")
                .append(IncidentMap.draw(theatre, in)).append("</section>\n");
        incidents(b, in, when, text, r -> {
            Alert a = openingAlerts.get(r.incident());
            return a == null ? "—" : AlertText.of(a, text.code(), zone);
        });
        return b.append(banner(in)).append("</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder b, List<ResponseRecord> in, ReportText text) {
        long dispatched = in.stream().filter(r -> r.dispatched() != null).count();
        long onScene = in.stream().filter(r -> r.onScene() != null).count();
        long resolved = in.stream().filter(r -> r.status() == IncidentStatus.RESOLVED).count();
        long falseAlarms = in.stream().filter(r -> r.status() == IncidentStatus.FALSE_ALARM).count();
        long open = in.stream().filter(r -> !r.status().terminal()).count();
        b.append("<section id=\"summary\">\n<h2>").append(esc(text.get("summary"))).append("</h2>\n<dl>\n");
        for (Object[] kv : new Object[][] {{"incidents", in.size()}, {"dispatched", dispatched},
            {"onScene", onScene}, {"resolved", resolved}, {"falseAlarms", falseAlarms}, {"stillOpen", open}}) {
            b.append("<div><dt>").append(esc(text.get((String) kv[0]))).append("</dt><dd data-key=\"").append(kv[0])
                    .append("\">").append(kv[1]).append("</dd></div>\n");
        }
        b.append("</dl>\n</section>\n");
    }

    private static void section(StringBuilder b, String id, String title, List<Group> groups,
                                Function<Group, String> label, Group all, ReportText text) {
        b.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
        if (groups.isEmpty()) {
            b.append("<p class=\"none\">").append(esc(text.get("noData"))).append("</p>\n</section>\n");
            return;
        }
        b.append("<div class=\"plots\">\n");
        for (int m = 0; m < METRICS.length; m++) {
            List<BoxPlot.Row> rows = new ArrayList<>();
            for (Group g : groups) {
                rows.add(new BoxPlot.Row(g.name(), label.apply(g), OF.get(m).apply(g)));
            }
            b.append("<figure>\n<figcaption>").append(esc(text.get(METRICS[m]))).append("</figcaption>\n")
                    .append(BoxPlot.draw(METRICS[m], rows, text)).append("</figure>\n");
        }
        b.append("</div>\n<p class=\"note\">").append(esc(text.get("boxNote"))).append("</p>\n");
        table(b, groups, label, all, text);
        b.append("</section>\n");
    }

    private static void table(StringBuilder b, List<Group> groups, Function<Group, String> label, Group all,
                              ReportText text) {
        b.append("<table class=\"stats\">\n<thead><tr><th rowspan=\"2\">").append(esc(text.get("group")))
                .append("</th><th rowspan=\"2\">").append(esc(text.get("incidents"))).append("</th>");
        for (String m : METRICS) {
            b.append("<th colspan=\"4\">").append(esc(text.get(m))).append("</th>");
        }
        b.append("</tr>\n<tr>");
        for (int m = 0; m < METRICS.length; m++) {
            for (String k : new String[] {"count", "median", "p90", "max"}) {
                b.append("<th>").append(esc(text.get(k))).append("</th>");
            }
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Group g : groups) {
            statsRow(b, g.name(), label.apply(g), g);
        }
        statsRow(b, "all", text.get("all"), all);
        b.append("</tbody>\n</table>\n");
    }

    private static void statsRow(StringBuilder b, String key, String label, Group g) {
        b.append("<tr data-group=\"").append(esc(key)).append("\"><th>").append(esc(label)).append("</th><td>")
                .append(g.incidents()).append("</td>");
        for (int m = 0; m < METRICS.length; m++) {
            Distribution d = OF.get(m).apply(g);
            b.append("<td data-metric=\"").append(METRICS[m]).append("\" data-stat=\"count\">").append(d.count())
                    .append("</td>");
            cell(b, METRICS[m], "median", d.medianS());
            cell(b, METRICS[m], "p90", d.p90S());
            cell(b, METRICS[m], "max", d.maxS());
        }
        b.append("</tr>\n");
    }

    private static void cell(StringBuilder b, String metric, String stat, double s) {
        b.append("<td data-metric=\"").append(metric).append("\" data-stat=\"").append(stat).append("\" data-s=\"")
                .append(Double.isNaN(s) ? "" : Markup.num(s, 3)).append("\">").append(duration(s)).append("</td>");
    }

    private static void incidents(StringBuilder b, List<ResponseRecord> in, DateTimeFormatter when, ReportText text,
                                  Function<ResponseRecord, String> finding) {
        b.append("<section id=\"incidents\">\n<h2>").append(esc(text.get("table"))).append("</h2>\n");
        b.append("<table class=\"incidents\">\n<thead><tr>");
        for (String k : new String[] {"incident", "sector", "opened", "status", "unit", "kind", "alertToDispatch",
            "dispatchToOnScene", "detectionToOnScene", "finding"}) {
            b.append("<th>").append(esc(text.get(k))).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (ResponseRecord r : in) {
            b.append("<tr data-incident=\"").append(esc(r.incident())).append("\"><td>").append(esc(r.incident()))
                    .append("</td><td>").append(esc(r.sector() == null ? "—" : r.sector())).append("</td><td>")
                    .append(when.format(r.alerted())).append("</td><td>").append(esc(text.status(r.status())))
                    .append("</td><td>").append(esc(r.unit() == null ? "—" : r.unit())).append("</td><td>")
                    .append(esc(r.unitKind() == null ? "—" : text.kind(r.unitKind()))).append("</td>");
            cell(b, "alertToDispatch", "value", seconds(r.alertToDispatch()));
            cell(b, "dispatchToOnScene", "value", seconds(r.dispatchToOnScene()));
            cell(b, "detectionToOnScene", "value", seconds(r.detectionToOnScene()));
            b.append("<td class=\"finding\">").append(esc(finding.apply(r))).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static double seconds(java.util.Optional<java.time.Duration> d) {
        return d.map(x -> x.toMillis() / 1000.0).orElse(Double.NaN);
    }
}
