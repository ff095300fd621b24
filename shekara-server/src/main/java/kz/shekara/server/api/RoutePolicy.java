package kz.shekara.server.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.shekara.server.access.Action;

/**
 * What each route of {@code /api/v1} needs: nothing (open), any identity, or one {@link Action}. The
 * access check consults it for every request; a route not in the table is refused to everyone
 * (default deny), so a new route must be classified here. Paths are matched segment by segment,
 * {@code {name}} matching one segment; when several rules match, the one with the most literal
 * segments wins. HEAD is treated as GET. Immutable; thread-safe.
 */
final class RoutePolicy {
    /**
     * What a route needs: {@code action} null and {@code open} true for open routes, both null/false for
     * any identity; {@code or} the other actions that allow it too (a route two kinds of caller share).
     */
    record Rule(String method, String pattern, boolean open, Action action, Set<Action> or) {
        Rule {
            or = or == null ? Set.of() : Set.copyOf(or);
        }

        /** True when a grant of {@code may} allows the route. */
        boolean allows(java.util.function.Predicate<Action> may) {
            return action == null || may.test(action) || or.stream().anyMatch(may);
        }

        private String[] segments() {
            return pattern.substring(1).split("/");
        }
    }

    /** A rule that matched a request, with the path's parameters. */
    record Match(Rule rule, Map<String, String> params) {
    }

    static final RoutePolicy DEFAULT = new RoutePolicy(List.of(
            open("GET", "/api/v1/health"),
            open("GET", "/api/v1/i18n"),
            open("POST", "/api/v1/session"),
            identified("GET", "/api/v1/session"),
            identified("DELETE", "/api/v1/session"),
            // The operational picture.
            rule("GET", "/api/v1/theatre", Action.READ),
            rule("GET", "/api/v1/zones", Action.READ),
            rule("GET", "/api/v1/sensors", Action.READ),
            rule("GET", "/api/v1/bases", Action.READ),
            rule("GET", "/api/v1/units", Action.READ),
            rule("GET", "/api/v1/units/{id}", Action.READ),
            rule("GET", "/api/v1/units/control", Action.READ),
            rule("GET", "/api/v1/detections", Action.READ),
            rule("GET", "/api/v1/tracks", Action.READ),
            rule("GET", "/api/v1/messages", Action.READ),
            rule("GET", "/api/v1/alerts", Action.READ),
            rule("GET", "/api/v1/alerts/{id}", Action.READ),
            rule("GET", "/api/v1/incidents", Action.READ),
            rule("GET", "/api/v1/incidents/{id}", Action.READ),
            rule("GET", "/api/v1/incidents/{id}/timeline", Action.READ),
            rule("GET", "/api/v1/incidents/{id}/recommendations", Action.READ),
            rule("GET", "/api/v1/tasks", Action.READ),
            rule("GET", "/api/v1/sectors", Action.READ),
            rule("GET", "/api/v1/sectors/posture", Action.READ),
            rule("GET", "/api/v1/status", Action.READ),
            // A Prometheus scraper's token (scope metrics) may read the metrics and nothing else.
            rule("GET", "/api/v1/metrics", Action.READ, Action.METRICS),
            rule("GET", "/api/v1/live", Action.READ),
            // Operator commands.
            rule("POST", "/api/v1/alerts/{id}/ack", Action.ALERT),
            rule("POST", "/api/v1/alerts/{id}/close", Action.ALERT),
            rule("PUT", "/api/v1/incidents/{id}/status", Action.ALERT),
            rule("POST", "/api/v1/incidents/{id}/dispatch", Action.DISPATCH),
            rule("POST", "/api/v1/plan/intercept", Action.DISPATCH),
            rule("POST", "/api/v1/messages", Action.CHAT),
            rule("PUT", "/api/v1/sectors/{id}/posture", Action.POSTURE),
            rule("PUT", "/api/v1/units/{id}/control", Action.CONTROL),
            rule("POST", "/api/v1/crisis", Action.CRISIS),
            rule("DELETE", "/api/v1/crisis/{id}", Action.CRISIS),
            rule("GET", "/api/v1/crisis", Action.READ),
            // Review and export.
            rule("GET", "/api/v1/stats/alerts", Action.REVIEW),
            rule("GET", "/api/v1/stats/response", Action.REVIEW),
            rule("GET", "/api/v1/picture", Action.REVIEW),
            rule("GET", "/api/v1/incidents/{id}/picture", Action.REVIEW),
            rule("GET", "/api/v1/replay", Action.REVIEW),
            rule("POST", "/api/v1/replay/pause", Action.REVIEW),
            rule("POST", "/api/v1/replay/resume", Action.REVIEW),
            rule("POST", "/api/v1/replay/seek", Action.REVIEW),
            rule("POST", "/api/v1/replay/speed", Action.REVIEW),
            rule("GET", "/api/v1/incidents/{id}/export.json", Action.EXPORT),
            rule("GET", "/api/v1/incidents/{id}/export.html", Action.EXPORT),
            // Partners and administration.
            rule("GET", "/api/v1/feeds/{agency}", Action.FEED),
            rule("GET", "/api/v1/feeds/{agency}/live", Action.FEED),
            rule("POST", "/api/v1/releases", Action.RELEASE),
            // A partner lists the releases made to its own agency (ReleasesApi filters).
            rule("GET", "/api/v1/releases", Action.READ, Action.FEED),
            rule("GET", "/api/v1/audit", Action.AUDIT),
            rule("GET", "/api/v1/accounts", Action.ACCOUNTS),
            rule("POST", "/api/v1/accounts", Action.ACCOUNTS),
            rule("POST", "/api/v1/accounts/{user}/disable", Action.ACCOUNTS),
            rule("POST", "/api/v1/accounts/{user}/enable", Action.ACCOUNTS),
            rule("PUT", "/api/v1/accounts/{user}/password", Action.ACCOUNTS),
            rule("PUT", "/api/v1/accounts/{user}/groups", Action.ACCOUNTS)));

    private final List<Rule> rules;

    RoutePolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static Rule open(String method, String pattern) {
        return new Rule(method, pattern, true, null, Set.of());
    }

    static Rule identified(String method, String pattern) {
        return new Rule(method, pattern, false, null, Set.of());
    }

    /** A route that needs {@code action}, or any of {@code or}. */
    static Rule rule(String method, String pattern, Action action, Action... or) {
        return new Rule(method, pattern, false, action, Set.of(or));
    }

    List<Rule> rules() {
        return rules;
    }

    /** The rule for {@code method} on {@code path}; empty when the table has none (refused to all). */
    Optional<Match> match(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String wanted = m.equals("HEAD") ? "GET" : m;
        String[] parts = (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path)
                .substring(1).split("/", -1);
        Match best = null;
        int bestLiterals = -1;
        for (Rule r : rules) {
            if (!r.method().equals(wanted)) {
                continue;
            }
            String[] segs = r.segments();
            if (segs.length != parts.length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < segs.length && ok; i++) {
                if (segs[i].startsWith("{") && segs[i].endsWith("}")) {
                    ok = !parts[i].isEmpty();
                    params.put(segs[i].substring(1, segs[i].length() - 1), parts[i]);
                } else {
                    ok = segs[i].equals(parts[i]);
                    literals++;
                }
            }
            if (ok && literals > bestLiterals) {
                best = new Match(r, Map.copyOf(params));
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every rule as {@code METHOD pattern}, for the documentation check. */
    List<String> routes() {
        List<String> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.method() + " " + r.pattern()));
        return out;
    }
}
