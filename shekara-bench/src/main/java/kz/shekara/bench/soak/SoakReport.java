package kz.shekara.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's report as Markdown: the samples, events lost, alerts per hour by rule, rejections. */
final class SoakReport {
    private static final String HEADER = "| elapsed | heap after GC MiB | RSS MiB | fds | threads | device events sent"
            + " | fuzz writes | alerts | CoT rejections | load |";

    private SoakReport() {
    }

    static String row(SoakSample s) {
        return String.format(Locale.ROOT, "| %d:%02d | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %.2f |",
                s.elapsedSeconds() / 60, s.elapsedSeconds() % 60, s.heapAfterGcKb() / 1024.0, s.rssKb() / 1024.0,
                s.fds(), s.threads(), s.deviceEvents(), s.fuzzWrites(), s.alerts(), s.rejections(), s.load());
    }

    static String render(Soak.Options o, Soak.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Soak: demo at speed x%s, %d devices, fuzzing client, %.1f minutes"
                        + " (server pid %d, -Xmx%s, %d processors)%n%n", fmt(o.speed()), o.devices(),
                r.wallHours() * 60, r.pid(), o.heap(), Runtime.getRuntime().availableProcessors()));
        b.append(HEADER).append('\n').append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<SoakSample> samples = r.samples();
        for (SoakSample s : samples) {
            b.append(row(s)).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%nDevice reports and chats sent: %d; in the event log: %d; lost: %d;"
                        + " in the log but not sent: %d; device reconnects: %d%n", r.sent(), r.stored(), r.lost(),
                r.extra(), r.deviceDisconnects()));
        b.append(String.format(Locale.ROOT, "Server exit code after SIGTERM: %d%n", r.exitCode()));
        b.append(String.format(Locale.ROOT, "%nAlerts by rule (total; per wall hour; per exercise hour at x%s):%n",
                fmt(o.speed())));
        r.alertsByRule().forEach((rule, n) -> b.append(String.format(Locale.ROOT, "- %s: %.0f; %.0f/h; %.1f/h%n", rule, n,
                n / r.wallHours(), n / (r.wallHours() * o.speed()))));
        b.append(String.format(Locale.ROOT, "%nCoT rejections by reason:%n"));
        appendCounts(b, r.rejectionsByReason());
        b.append(String.format(Locale.ROOT, "%nCoT notices by reason (accepted, placed or dropped as stated):%n"));
        appendCounts(b, r.noticesByReason());
        b.append(String.format(Locale.ROOT, "%nFuzzing client writes by kind:%n"));
        r.fuzz().forEach((k, n) -> b.append(String.format(Locale.ROOT, "- %s: %d%n", k.name().toLowerCase(Locale.ROOT), n)));
        b.append(String.format(Locale.ROOT, "- reconnects: %d; its positions in the event log: %d%n", r.fuzzReconnects(),
                r.fuzzStored()));
        return b.toString();
    }

    private static void appendCounts(StringBuilder b, Map<String, Double> counts) {
        if (counts.isEmpty()) {
            b.append("- none\n");
        }
        counts.forEach((k, n) -> b.append(String.format(Locale.ROOT, "- %s: %.0f%n", k, n)));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
