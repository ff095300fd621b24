package kz.shekara.server.access;

/**
 * Where the access check reports what the audit trail keeps: logins (success and failure), logouts,
 * refusals and every state-changing request, each with its actor, what was done to what, the
 * outcome and the remote address. Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface AuditSink {
    /** Records nothing. */
    AuditSink NONE = (actor, action, target, outcome, address) -> { };

    /**
     * @param actor   the identity's name, or the user name tried at a failed login, or {@code -} when unknown
     * @param action  what was done: {@code login}, {@code logout}, or the request's method and action
     *                ({@code POST ALERT})
     * @param target  the path of the request, or the account for a login
     * @param outcome {@code ok}, the HTTP status of a request, or the reason of a refusal
     * @param address the remote address of the request
     */
    void record(String actor, String action, String target, String outcome, String address);
}
