package kz.shekara.server.report;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.shekara.i18n.Messages;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.AlertChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.AlertText;
import kz.shekara.server.review.IncidentFile;

/**
 * The printable HTML page of one incident's file: a self-contained document (inline CSS and SVG, no
 * script, no external resource) with the file's marking as a banner at the top and the bottom of
 * the screen and of every printed page, the incident's summary, a sketch of the tracks' paths and
 * the units' positions, the timeline, the alerts with their lifecycle, and the tracks and units.
 * Labels (the {@code incidentPage.*} keys of the {@link Messages} catalogue) and each alert's sentence
 * in Kazakh, Russian or English ({@link #LANGS}; times in UTC, as the page's other times).
 * Deterministic: the same file and language give the same bytes. Stateless; thread-safe.
 */
public final class IncidentPage {
    /** Languages offered, the first the default. */
    public static final List<String> LANGS = List.of("en", "kk", "ru");

    private static final String CSS = """
            body{font:13px/1.4 "DejaVu Sans",Arial,sans-serif;color:#111;margin:0 24px}
            .marking{font-weight:bold;text-align:center;padding:4px;background:#1d4f2c;color:#fff;letter-spacing:.05em}
            .marking.top{position:sticky;top:0}.marking.bottom{margin-top:16px}
            h1{font-size:20px;margin:12px 0 4px}h2{font-size:15px;margin:16px 0 4px;border-bottom:1px solid #999}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}
            th{background:#eee}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}
            svg{border:1px solid #999;background:#f7f7f2}.mono{font-family:"DejaVu Sans Mono",monospace}
            @media print{.marking.top{position:fixed;top:0;left:0;right:0}.marking.bottom{position:fixed;bottom:0;left:0;right:0}
            body{margin:36px 0}h2{break-after:avoid}tr{break-inside:avoid}.marking{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

    public String render(IncidentFile f, String lang) {
        L l = new L(LANGS.indexOf(lang) < 0 ? 0 : LANGS.indexOf(lang));
        Incident i = f.incident();
        String banner = banner(f.marking(), l);
        StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(LANGS.get(l.index)).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(esc(l.t("title") + " " + i.id())).append("</title>\n<style>").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<div class=\"marking top\" data-marking=\"top\">").append(esc(banner)).append("</div>\n");
        h.append("<h1>").append(esc(l.t("title"))).append(" <span class=\"mono\">").append(esc(i.id())).append("</span></h1>\n");
        h.append("<dl>");
        dl(h, l.t("period"), f.from() + " – " + f.to());
        dl(h, l.t("status"), i.status().code());
        dl(h, l.t("severity"), i.severity().code());
        dl(h, l.t("sector"), i.sector());
        dl(h, l.t("position"), String.format(Locale.ROOT, "%.5f, %.5f", i.lat(), i.lon()));
        dl(h, l.t("unit"), i.unit());
        dl(h, l.t("disposition"), i.disposition() == null ? null : i.disposition().code());
        h.append("</dl>\n");
        h.append(new IncidentSketch(f).svg());
        section(h, l.t("timeline"), List.of(l.t("time"), l.t("change"), l.t("status"), l.t("alert"), l.t("unit"),
                l.t("by"), l.t("note")), i.timeline().stream().map(e -> row(e)).toList());
        List<List<String>> alertRows = new ArrayList<>();
        for (IncidentFile.AlertHistory a : f.alerts()) {
            AlertBook.Entry e = a.alert();
            alertRows.add(List.of(e.id(), e.alert().time().toString(), e.alert().rule().code(), e.alert().severity().code(),
                    e.state().code(), nz(e.alert().track()), AlertText.of(e.alert(), LANGS.get(l.index), ZoneOffset.UTC),
                    changes(a.changes())));
        }
        section(h, l.t("alerts"), List.of("id", l.t("time"), l.t("rule"), l.t("severity"), l.t("state"), l.t("track"),
                l.t("detail"), l.t("lifecycle")), alertRows);
        List<List<String>> trackRows = new ArrayList<>();
        f.tracks().forEach((id, path) -> trackRows.add(trackRow(id, path)));
        section(h, l.t("tracks"), List.of("id", l.t("first"), l.t("last"), l.t("points"), l.t("lastPosition"),
                l.t("ended")), trackRows);
        List<List<String>> unitRows = new ArrayList<>();
        f.units().forEach((id, ps) -> unitRows.add(unitRow(id, ps)));
        section(h, l.t("units"), List.of("id", l.t("reports"), l.t("lastPosition"), l.t("status")), unitRows);
        h.append("<p>").append(esc(l.t("source"))).append("</p>\n");
        h.append("<div class=\"marking bottom\" data-marking=\"bottom\">").append(esc(banner)).append("</div>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String banner(Marking m, L l) {
        StringBuilder b = new StringBuilder(m.classification().name().replace('_', ' '));
        b.append(" · ").append(m.originator());
        if (!m.releasableTo().isEmpty()) {
            b.append(" · ").append(l.t("releasable")).append(' ').append(String.join(", ", m.releasableTo()));
        }
        if (m.exercise()) {
            b.append(" · ").append(l.t("exercise"));
        }
        return b.toString();
    }

    private static List<String> row(IncidentEvent e) {
        return List.of(e.time().toString(), e.change().code(), e.status().code(), nz(e.alert()), nz(e.unit()), e.by(), e.note());
    }

    private static String changes(List<AlertChange> changes) {
        StringBuilder s = new StringBuilder();
        for (AlertChange c : changes) {
            s.append(s.isEmpty() ? "" : "; ").append(c.time()).append(' ').append(c.state().code()).append(' ').append(c.by());
            if (c.disposition() != null) {
                s.append(" (").append(c.disposition().code()).append(')');
            }
        }
        return s.toString();
    }

    private static List<String> trackRow(String id, List<TrackUpdate> path) {
        if (path.isEmpty()) {
            return List.of(id, "", "", "0", "", "");
        }
        TrackUpdate last = path.get(path.size() - 1);
        // The live tracker's last word on a track it ended: when the picture lost it.
        String ended = last.status() == TrackStatus.DELETED ? last.time().toString() : "";
        return List.of(id, path.get(0).time().toString(), last.time().toString(), Integer.toString(path.size()),
                String.format(Locale.ROOT, "%.5f, %.5f", last.lat(), last.lon()), ended);
    }

    private static List<String> unitRow(String id, List<UnitPosition> ps) {
        if (ps.isEmpty()) {
            return List.of(id, "0", "", "");
        }
        UnitPosition last = ps.get(ps.size() - 1);
        return List.of(id, Integer.toString(ps.size()),
                String.format(Locale.ROOT, "%s %.5f, %.5f", last.time(), last.lat(), last.lon()), last.status().code());
    }

    private static void dl(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v == null ? "–" : v)).append("</dd>");
    }

    private static void section(StringBuilder h, String title, List<String> head, List<List<String>> rows) {
        h.append("<h2>").append(esc(title)).append("</h2>\n<table><thead><tr>");
        head.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (List<String> r : rows) {
            h.append("<tr>");
            r.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The labels of one language: the {@code incidentPage.*} keys of the catalogue. */
    private record L(int index, Messages messages) {
        L(int index) {
            this(index, Messages.of(LANGS.get(index)));
        }

        String t(String key) {
            return messages.text("incidentPage." + key);
        }
    }
}
