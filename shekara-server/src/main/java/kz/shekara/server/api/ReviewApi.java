package kz.shekara.server.api;

import kz.shekara.server.report.IncidentPage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.shekara.server.review.IncidentFile;
import kz.shekara.server.review.LogPictures;
import kz.shekara.theatre.Theatre;
import java.util.function.Function;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Unit;

/**
 * The after-action review routes, read from the event log (never from the live views), so they show
 * what was recorded at the time:
 * <ul>
 * <li>{@code GET /api/v1/picture?at=T[&window=PT1H][&bbox=west,south,east,north]} — the picture
 * (tracks with trails, units, alerts, incidents) as of event time T, folded from the window before T</li>
 * <li>{@code GET /api/v1/incidents/{id}/picture?at=T} — the same for reviewing one incident (folded from
 * an hour before it opened)</li>
 * <li>{@code GET /api/v1/incidents/{id}/export.json} — the incident's file: incident, timeline, alerts with
 * their lifecycle, tracks with their path, units assigned with their positions, markings</li>
 * <li>{@code GET /api/v1/incidents/{id}/export.html?lang=en|kk|ru} — the same as a printable page</li>
 * </ul>
 * Bad parameters get 400 and an unknown incident 404, as {@code {"error", "detail"}} counted by the
 * {@link ApiServer}. Output is deterministic. Thread-safe.
 */
public final class ReviewApi {
    private final LogPictures pictures;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PictureJson pictureJson;
    private final IncidentExportJson exportJson;
    private final IncidentPage page = new IncidentPage();

    private final Function<Context, Viewer> viewers;
    private final Marking own;

    /** Every caller is the theatre's home agency's operator. */
    public ReviewApi(LogPictures pictures, Theatre theatre) {
        this(pictures, theatre, ctx -> Viewer.home(theatre.defaultMarking().originator()));
    }

    /**
     * @param viewers who is asking: the pictures (the home agency's whole picture) need a reader the
     *                theatre's marking covers, an incident's file a reader who may see its marking
     *                (the most restrictive of everything in it)
     */
    public ReviewApi(LogPictures pictures, Theatre theatre, Function<Context, Viewer> viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        this.own = theatre.defaultMarking();
        this.pictures = Objects.requireNonNull(pictures, "pictures");
        Map<String, Unit> defs = new LinkedHashMap<>();
        theatre.units().forEach(u -> defs.put(u.id(), u));
        this.pictureJson = new PictureJson(mapper, defs);
        this.exportJson = new IncidentExportJson(mapper, defs);
    }

    public void register(Javalin app) {
        app.get("/api/v1/picture", ctx -> {
            ownPicture(ctx);
            only(ctx, Set.of("at", "window", "bbox"));
            Duration window = ctx.queryParam("window") == null ? LogPictures.DEFAULT_WINDOW : window(ctx.queryParam("window"));
            json(ctx, pictureJson.picture(pictures.at(at(ctx), window), box(ctx.queryParam("bbox"))));
        });
        app.get("/api/v1/incidents/{id}/picture", ctx -> {
            ownPicture(ctx);
            only(ctx, Set.of("at", "bbox"));
            Instant at = at(ctx);
            json(ctx, pictureJson.picture(pictures.incidentPicture(ctx.pathParam("id"), at)
                    .orElseThrow(() -> notFound(ctx)), box(ctx.queryParam("bbox"))));
        });
        app.get("/api/v1/incidents/{id}/export.json", ctx -> {
            only(ctx, Set.of());
            json(ctx, exportJson.export(file(ctx)));
        });
        app.get("/api/v1/incidents/{id}/export.html", ctx -> {
            only(ctx, Set.of("lang"));
            String lang = ctx.queryParam("lang") == null ? IncidentPage.LANGS.get(0) : ctx.queryParam("lang");
            if (!IncidentPage.LANGS.contains(lang)) {
                throw ApiError.badRequest("bad-parameter", "lang must be one of " + IncidentPage.LANGS + ", got '" + lang + "'");
            }
            String html = page.render(file(ctx), lang);
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
            ctx.contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
        });
    }

    private IncidentFile file(Context ctx) {
        Viewer v = viewers.apply(ctx);
        return pictures.incident(ctx.pathParam("id"))
                .filter(f -> v.maySee(f.marking(), new Release.Subject(Release.Kind.INCIDENT, f.incident().id())))
                .orElseThrow(() -> notFound(ctx));
    }

    private void ownPicture(Context ctx) {
        Viewer v = viewers.apply(ctx);
        if (!v.maySee(own)) {
            throw new ApiError(403, "not-releasable", "the after-action picture is not released to " + v.agency());
        }
    }

    private static ApiError notFound(Context ctx) {
        return new ApiError(404, "not-found", "no incident '" + ctx.pathParam("id") + "' in the event log");
    }

    private static Instant at(Context ctx) {
        String s = ctx.queryParam("at");
        if (s == null) {
            throw ApiError.badRequest("missing-parameter", "at (an ISO-8601 instant such as 2026-03-01T06:00:00Z) is required");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad-parameter", "at must be an ISO-8601 instant such as 2026-03-01T06:00:00Z, got '" + s + "'");
        }
    }

    private static Duration window(String s) {
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative() || d.compareTo(LogPictures.MAX_WINDOW) > 0) {
                throw ApiError.badRequest("bad-parameter", "window must be from PT0S to " + LogPictures.MAX_WINDOW + ", got " + s);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad-parameter", "window must be an ISO-8601 duration such as PT1H, got '" + s + "'");
        }
    }

    private static PictureJson.Box box(String s) {
        if (s == null) {
            return null;
        }
        String[] p = s.split(",", -1);
        try {
            if (p.length != 4) {
                throw new NumberFormatException();
            }
            double w = Double.parseDouble(p[0]);
            double so = Double.parseDouble(p[1]);
            double e = Double.parseDouble(p[2]);
            double n = Double.parseDouble(p[3]);
            if (!(w >= -180 && e <= 180 && w <= e && so >= -90 && n <= 90 && so <= n)) {
                throw new NumberFormatException();
            }
            return new PictureJson.Box(w, so, e, n);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad-parameter", "bbox must be west,south,east,north in degrees, got '" + s + "'");
        }
    }

    static void only(Context ctx, Set<String> known) {
        for (String p : ctx.queryParamMap().keySet()) {
            if (!known.contains(p)) {
                throw ApiError.badRequest("unknown-parameter", "unknown query parameter '" + p + "'");
            }
        }
    }

    private void json(Context ctx, JsonNode node) throws java.io.IOException {
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(node));
    }
}
