package kz.shekara.server.access;

/** What a request does, for the role check: every route of the API maps to exactly one action. */
public enum Action {
    /** Read the live picture (tracks, units, alerts, incidents, zones) within the reader's markings. */
    READ,
    /** Acknowledge, close or annotate alerts and incidents. */
    ALERT,
    /** Dispatch units, answer and complete tasks. */
    DISPATCH,
    /** Post chat messages. */
    CHAT,
    /** Mark an incident, alert or track releasable to a partner agency. */
    RELEASE,
    /** Change a sector's alert posture. */
    POSTURE,
    /** Transfer a unit to another command's control. */
    CONTROL,
    /** Declare and end a crisis (operational control of a regional command's units). */
    CRISIS,
    /** Review the log: replay, response statistics, reports. */
    REVIEW,
    /** Export incidents and reports. */
    EXPORT,
    /** Read a partner feed (what was released to one's own agency). */
    FEED,
    /** Send sensor data (machine tokens of sensor gateways). */
    INGEST,
    /** Read the server's metrics (machine tokens of a metrics scraper); nothing of the picture. */
    METRICS,
    /** Keep accounts and tokens. */
    ACCOUNTS,
    /** Issue and revoke device certificates. */
    CERTIFICATES,
    /** Read the audit trail. */
    AUDIT
}
