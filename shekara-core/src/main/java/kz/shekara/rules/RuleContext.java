package kz.shekara.rules;

import java.time.Instant;
import kz.shekara.theatre.Posture;

/** What a rule may ask of and tell the engine while it handles one event. Single-threaded. */
public interface RuleContext {

    /** The current posture of a sector (NORMAL for a null or unknown sector). */
    Posture posture(String sector);

    /** The thresholds profile of a sector's current posture. */
    RulesConfig.PostureProfile profile(String sector);

    /** The marking of findings that come from no event (a silence, a void): the theatre's default. */
    kz.shekara.model.Marking defaultMarking();

    /** Raises an alert for the finding unless one with its key is active. */
    void raise(Finding finding);

    /** Re-arms a key: the next finding with it raises a new alert. */
    void reset(String key);

    /** True when an alert with this key is active. */
    boolean active(String key);

    /** Withdraws the active alert of a key (its source cancelled it) and re-arms the key. */
    void withdraw(String key, Instant time, String by, String note);
}
