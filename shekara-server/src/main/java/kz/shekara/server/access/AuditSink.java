package kz.shekara.server.access;

/**
 * Where an act is recorded for the audit trail: logins, state-changing requests, certificates,
 * releases, exports, crisis declarations and account changes. Implemented by {@link AuditTrail}.
 * Thread-safe implementations only.
 */
public interface AuditSink {

    /**
     * Records one act, stamped with the wall-clock time it is recorded at. Null arguments are stored
     * as empty text. Returns once the entry is durable.
     *
     * @param actor who acted: an identity's name, an OS user for the command line, or {@code -} when unknown
     * @param action what was done, e.g. {@code PUT}, {@code login}, {@code certificate.issue}, {@code crisis.declare}
     * @param target what it was done to, e.g. a request path, a user or unit id
     * @param outcome how it ended, e.g. an HTTP status, {@code ok}, {@code refused: locked}
     * @param address where the act came from: the client's IP address, or {@code cli}
     * @throws kz.shekara.server.store.StoreUnavailableException when the entry cannot be stored
     */
    void record(String actor, String action, String target, String outcome, String address);
}
