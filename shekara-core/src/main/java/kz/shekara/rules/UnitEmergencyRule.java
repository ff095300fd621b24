package kz.shekara.rules;

import java.util.TreeSet;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.UnitPosition;

/**
 * A friendly unit's TAK emergency: a CoT event of type b-a-o-* (911, ring the bell, in contact)
 * raises a CRITICAL alert at the unit's position; b-a-o-can (the cancel) withdraws it, closed by
 * the unit. TAK clients send the emergency under the device uid with a "-9-1-1" suffix; the suffix
 * is dropped so that the alert names the unit. Stateless apart from the engine's keys.
 */
final class UnitEmergencyRule implements Rule {
    static final String EMERGENCY_PREFIX = "b-a-o-";
    static final String CANCEL = "b-a-o-can";
    private static final String SUFFIX = "-9-1-1";

    @Override
    public RuleKind kind() {
        return RuleKind.UNIT_EMERGENCY;
    }

    @Override
    public void onUnit(UnitPosition p, RuleContext ctx) {
        if (!p.cotType().startsWith(EMERGENCY_PREFIX)) {
            return;
        }
        String unit = p.unit().endsWith(SUFFIX) ? p.unit().substring(0, p.unit().length() - SUFFIX.length()) : p.unit();
        String key = kind().code() + "||" + unit;
        if (p.cotType().equals(CANCEL)) {
            ctx.withdraw(key, p.time(), p.callsign(), "emergency cancelled by " + p.callsign());
            return;
        }
        ctx.raise(new Finding(key, p.time(), kind(), Severity.CRITICAL, null, null, null, null, unit, p.lat(), p.lon(),
                new TreeSet<>(), "emergency (" + p.cotType() + ") from " + p.callsign(), p.marking(),
                new AlertFacts.UnitEmergency(p.cotType(), p.callsign())));
    }
}
