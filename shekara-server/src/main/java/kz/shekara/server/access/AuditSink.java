package kz.shekara.server.access;

/**
 * Where an act is recorded for the audit trail: logins (success and failure), logouts, refusals,
 * state-changing requests, certificates, releases, exports, crisis declarations and account changes.
 * Implemented by {@link AuditTrail}. Thread-safe implementations only.
 */
@FunctionalInterface
public interface AuditSink {
    /** Records nothing: for a server with no store of its own to record into. */
    AuditSink NONE = (actor, action, target, outcome, address) -> { };

    /**
     * Records one act, stamped with the wall-clock time it is recorded at. Null arguments are stored
     * as empty text. Returns once the entry is durable.
     *
     * @param actor who acted: an identity's name, the user name tried at a failed login, an OS user for
     *              the command line, or {@code -} when unknown
     * @param action what was done, e.g. {@code login}, {@code logout}, {@code POST ALERT},
     *               {@code certificate.issue}, {@code crisis.declare}
     * @param target what it was done to, e.g. a request path, a user or unit id
     * @param outcome how it ended, e.g. an HTTP status, {@code ok}, the reason of a refusal
     * @param address where the act came from: the client's IP address, or {@code cli}
     * @throws kz.shekara.server.store.StoreUnavailableException when the entry cannot be stored
     */
    void record(String actor, String action, String target, String outcome, String address);
}
