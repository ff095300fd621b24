package kz.shekara.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Detection;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Severity;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;

/**
 * A fixed theatre sensor that has sent nothing (no detection, no heartbeat) for longer than
 * {@code allowedPeriods} of its report period (and at least {@code minSilence}). "Now" is event time: the watermark of all events the
 * engine has seen (or the live clock the service advances it by). A sensor not heard at all counts
 * from the first watermark. The alert's time is the instant the silence became too long, so it does
 * not depend on when the check ran; hearing from the sensor later than before re-arms it (a report
 * no later than one already heard changes nothing, so a late one cannot raise the same alert twice). Checks only when the
 * earliest deadline has passed. Not thread-safe.
 */
final class SensorSilentRule implements Rule {
    private final RulesConfig.SensorSilent config;
    private final Map<String, Sensor> sensors = new LinkedHashMap<>();
    private final Map<String, Instant> lastHeard = new LinkedHashMap<>();
    private Instant nextDeadline;

    SensorSilentRule(Theatre theatre, RulesConfig.SensorSilent config) {
        this.config = config;
        theatre.sensors().stream().filter(s -> s.period().compareTo(Duration.ZERO) > 0)
                .sorted((a, b) -> a.id().compareTo(b.id())).forEach(s -> sensors.put(s.id(), s));
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SENSOR_SILENT;
    }

    @Override
    public void onDetection(Detection d, RuleContext ctx) {
        heard(d.sensor(), d.time(), ctx);
    }

    @Override
    public void onHeartbeat(SensorHeartbeat h, RuleContext ctx) {
        heard(h.sensor(), h.time(), ctx);
    }

    private void heard(String sensor, Instant time, RuleContext ctx) {
        if (!sensors.containsKey(sensor)) {
            return;
        }
        Instant before = lastHeard.get(sensor);
        if (before != null && !time.isAfter(before)) {
            return; // no sign of life after what is known: a late report does not end a silence begun since
        }
        lastHeard.put(sensor, time);
        ctx.reset(key(sensor));
        nextDeadline = null;
    }

    @Override
    public void onTime(Instant now, RuleContext ctx) {
        if (lastHeard.isEmpty() && !sensors.isEmpty()) {
            sensors.keySet().forEach(id -> lastHeard.put(id, now));
        }
        if (nextDeadline != null && now.isBefore(nextDeadline)) {
            return;
        }
        Instant next = null;
        List<String> silent = new ArrayList<>();
        for (Sensor s : sensors.values()) {
            if (ctx.active(key(s.id()))) {
                continue;
            }
            Instant deadline = lastHeard.getOrDefault(s.id(), now).plus(allowed(s));
            if (now.isAfter(deadline)) {
                silent.add(s.id());
            } else if (next == null || deadline.isBefore(next)) {
                next = deadline;
            }
        }
        nextDeadline = next;
        for (String id : silent) {
            Sensor s = sensors.get(id);
            Instant since = lastHeard.get(id);
            ctx.raise(new Finding(key(id), since.plus(allowed(s)), kind(), Severity.MEDIUM, s.sector(), null, null,
                    id, null, s.lat(), s.lon(), new TreeSet<>(List.of(id)), s.kind().code() + " sensor " + s.name()
                    + " silent since " + since + " (period " + s.period() + ")", ctx.defaultMarking(),
                    new AlertFacts.SensorSilent(s.kind(), s.name(), since, s.period(), s.names())));
        }
    }

    private Duration allowed(Sensor s) {
        Duration byPeriod = Duration.ofNanos(Math.round(s.period().toNanos() * config.allowedPeriods()));
        return byPeriod.compareTo(config.minSilence()) >= 0 ? byPeriod : config.minSilence();
    }

    private String key(String sensor) {
        return kind().code() + "||" + sensor;
    }
}
