package kz.shekara.server.report;

/** The report's inline style sheet: system fonts only, print-friendly. */
final class ReportStyle {
    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
                   margin: 24px auto; max-width: 1100px; color: #1c2430; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 17px; border-bottom: 1px solid #cfd6df; padding-bottom: 4px; margin-top: 28px; }
            .meta { color: #4a5666; font-size: 13px; }
            .marking-banner { text-align: center; font-weight: 700; letter-spacing: 0.14em; border: 2px solid #222; padding: 2px; margin: 4px 0; }
            dl { display: flex; flex-wrap: wrap; gap: 10px; margin: 0; }
            dl div { border: 1px solid #cfd6df; border-radius: 4px; padding: 6px 12px; min-width: 110px; }
            dt { font-size: 12px; color: #4a5666; } dd { margin: 0; font-size: 20px; font-weight: 600; }
            .plots { display: flex; flex-wrap: wrap; gap: 8px; }
            figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; }
            .note, .none { font-size: 12px; color: #4a5666; }
            table { border-collapse: collapse; font-size: 12px; margin-top: 8px; }
            th, td { border: 1px solid #cfd6df; padding: 3px 6px; text-align: right; }
            th { background: #eef2f6; } tbody th, td:first-child { text-align: left; }
            svg text { font-size: 11px; fill: #1c2430; }
            .grid { stroke: #e3e8ee; } .whisker { stroke: #4a5666; stroke-width: 1.5; }
            .iqr { fill: #9cc3e6; stroke: #2f6ea8; } .median { stroke: #0b2f55; stroke-width: 3; }
            .bar { fill: #2f6ea8; }
            .water { fill: #dcebf5; } .country { fill: #f3f1ea; stroke: #b9b39f; stroke-width: 0.6; }
            .sea { fill: #cfe3f1; stroke: none; }
            .sector { fill: rgba(47, 110, 168, 0.08); stroke: #2f6ea8; stroke-width: 1; stroke-dasharray: 4 3; }
            .border { fill: none; stroke: #b3261e; stroke-width: 2; }
            .incident { stroke: #fff; stroke-width: 1.2; fill: #d9822b; }
            .incident.resolved { fill: #2e7d32; } .incident.false-alarm { fill: #7a7a7a; }
            .incident.on-scene { fill: #1565c0; }
            @media print { body { margin: 0; } section { break-inside: avoid; } }
            """;

    private ReportStyle() {
    }
}
