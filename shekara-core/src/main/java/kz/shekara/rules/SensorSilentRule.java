package kz.shekara.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Detection;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Severity;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;

/**
 * A fixed theatre sensor that has sent nothing (no detection, no heartbeat) for longer than
 * {@code allowedPeriods} of its report period (and at least {@code minSilence}). "Now" is event time: the watermark of all events the
 * engine has seen (or the live clock the service advances it by). Only a sensor expected to report
 * is watched: one that has reported, or one declared by the feed that carries it ({@link #expect});
 * a declared sensor not heard at all counts from the first watermark after its declaration. The
 * alert's time is the instant the silence became too long, so it does not depend on when the check
 * ran; its marking is that of the sensor's last data (a simulated sensor's silence is an exercise).
 * Hearing from the sensor later than before withdraws its alert (the sensor is back) and re-arms it
 * (a report no later than one already heard changes nothing, so a late one cannot raise the same
 * alert twice). Checks only when the earliest deadline has passed. Not thread-safe.
 */
final class SensorSilentRule implements Rule {
    private final RulesConfig.SensorSilent config;
    private final Map<String, Sensor> sensors = new LinkedHashMap<>();
    private final Map<String, Instant> lastHeard = new LinkedHashMap<>();
    private final Map<String, Marking> lastMarking = new HashMap<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private Instant nextDeadline;
    /** The latest time heard from any sensor: how far the sensors' own data has come. */
    private Instant latestData;
    private Instant watermark;

    SensorSilentRule(Theatre theatre, RulesConfig.SensorSilent config) {
        this.config = config;
        theatre.sensors().stream().filter(s -> s.period().compareTo(Duration.ZERO) > 0)
                .sorted((a, b) -> a.id().compareTo(b.id())).forEach(s -> sensors.put(s.id(), s));
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SENSOR_SILENT;
    }

    /**
     * Declares theatre sensors a feed carries: expected to report from the next watermark on. The feed's
     * marking stands for their data until they are heard (a simulated feed's sensor that never reports
     * is an exercise's silence).
     */
    void expect(Collection<String> ids, Marking feedMarking) {
        ids.stream().filter(sensors::containsKey).filter(id -> !lastHeard.containsKey(id)).forEach(id -> {
            declared.add(id);
            lastMarking.put(id, feedMarking);
        });
    }

    /** Forgets the sensors named: not watched until heard again. */
    void forget(Collection<String> ids) {
        for (String id : ids) {
            lastHeard.remove(id);
            lastMarking.remove(id);
            declared.remove(id);
        }
        nextDeadline = null;
    }

    @Override
    public void onDetection(Detection d, RuleContext ctx) {
        heard(d.sensor(), d.time(), d.marking(), ctx);
    }

    @Override
    public void onHeartbeat(SensorHeartbeat h, RuleContext ctx) {
        heard(h.sensor(), h.time(), h.marking(), ctx);
    }

    private void heard(String sensor, Instant time, Marking marking, RuleContext ctx) {
        boolean later = latestData == null || time.isAfter(latestData);
        if (later) {
            latestData = time;
        }
        if (!sensors.containsKey(sensor)) {
            afterData(later, ctx);
            return;
        }
        Instant before = lastHeard.get(sensor);
        if (before != null && !time.isAfter(before)) {
            return; // no sign of life after what is known: a late report does not end a silence begun since
        }
        lastHeard.put(sensor, time);
        lastMarking.put(sensor, marking);
        declared.remove(sensor);
        if (ctx.active(key(sensor))) {
            ctx.withdraw(key(sensor), time, "rules", "sensor " + sensor + " reporting again");
        } else {
            ctx.reset(key(sensor));
        }
        nextDeadline = null;
        afterData(later, ctx);
    }

    /** The sensors' data has come further: others' silences may show now. */
    private void afterData(boolean later, RuleContext ctx) {
        if (later && watermark != null) {
            check(ctx);
        }
    }

    /**
     * Silence is judged against the sensors' own data, not against other inputs that may run ahead of
     * it (a feed's tracks or unit positions delivered before its queued heartbeats): "now" for this
     * rule is the latest sensor data, or the watermark less {@code minSilence} when the sensors' data
     * lags further or has stopped (every sensor gone quiet is still reported, {@code minSilence} later).
     */
    @Override
    public void onTime(Instant watermark, RuleContext ctx) {
        this.watermark = watermark;
        check(ctx);
    }

    private void check(RuleContext ctx) {
        Instant stalled = watermark.minus(config.minSilence());
        Instant now = latestData == null ? watermark : latestData.isAfter(stalled) ? latestData : stalled;
        if (!declared.isEmpty()) {
            declared.forEach(id -> lastHeard.putIfAbsent(id, now));
            declared.clear();
            nextDeadline = null;
        }
        if (nextDeadline != null && now.isBefore(nextDeadline)) {
            return;
        }
        Instant next = null;
        List<String> silent = new ArrayList<>();
        for (Map.Entry<String, Instant> heard : lastHeard.entrySet()) {
            Sensor s = sensors.get(heard.getKey());
            if (ctx.active(key(s.id()))) {
                continue;
            }
            Instant deadline = heard.getValue().plus(allowed(s));
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
                    + " silent since " + since + " (period " + s.period() + ")",
                    lastMarking.getOrDefault(id, ctx.defaultMarking()),
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
