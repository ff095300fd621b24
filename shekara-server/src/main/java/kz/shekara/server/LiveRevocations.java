package kz.shekara.server;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.Account;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.adapter.cot.ConnectedClient;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off, on the running server, whoever may no longer be connected (see docs/access.md): an
 * account disabled through the API loses its TAK connections at once (its sessions and tokens
 * already, by {@link AccessService#disable}); one disabled from the command line, or a certificate
 * revoked there ({@code certs revoke}), is found by a sweep every {@link #SWEEP} of the accounts
 * table and the certificate authority's index, which ends the account's web sessions and closes
 * the TLS connections of its certificates or of the revoked ones. Every connection closed is
 * counted ({@code shekara.cot.disconnects{reason}}) and audited ({@code cot.disconnect}, actor
 * {@code server}). A sweep the store fails is logged and tried again at the next. Thread-safe.
 */
final class LiveRevocations implements AutoCloseable {
    static final Duration SWEEP = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(LiveRevocations.class);

    private final CotServer cot;
    private final AccessService access;
    private final AccountStore accounts;
    private final CertificateAuthority ca;
    private final AuditSink audit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-revocations").factory());

    private LiveRevocations(CotServer cot, AccessService access, CertificateAuthority ca) {
        this.cot = Objects.requireNonNull(cot, "cot");
        this.access = Objects.requireNonNull(access, "access");
        this.accounts = access.accounts();
        this.ca = ca;
        this.audit = access.audit();
    }

    /** Follows {@code access} and sweeps every {@link #SWEEP}; {@code ca} null when TLS is off. */
    static LiveRevocations start(CotServer cot, AccessService access, CertificateAuthority ca) {
        LiveRevocations r = new LiveRevocations(cot, access, ca);
        access.onDisabled(r::accountDisabled);
        r.timer.scheduleWithFixedDelay(r::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    private void accountDisabled(String user) {
        cot.disconnect((u, serial) -> user.equals(u), "account-disabled", audited("account-disabled"));
    }

    /** One pass over the accounts table and the certificate index. */
    void sweep() {
        try {
            Set<String> disabled = accounts.list().stream().filter(Account::disabled).map(Account::user)
                    .collect(Collectors.toSet());
            disabled.forEach(u -> access.endSessions(u, "account-disabled"));
            cot.disconnect((u, serial) -> disabled.contains(u), "account-disabled", audited("account-disabled"));
            if (ca != null) {
                Set<BigInteger> revoked = ca.list().stream().filter(CertificateAuthority.Listed::revoked)
                        .map(l -> new BigInteger(l.serialHex(), 16)).collect(Collectors.toSet());
                cot.disconnect((u, serial) -> serial != null && revoked.contains(serial), "certificate-revoked",
                        audited("certificate-revoked"));
            }
        } catch (RuntimeException e) {
            LOG.warn("revocation sweep failed (tried again in {}): {}", SWEEP, e.toString());
        }
    }

    /** Records a disconnection in the audit trail, before its connection closes. */
    private java.util.function.Consumer<ConnectedClient> audited(String reason) {
        return c -> {
            try {
                audit.record("server", "cot.disconnect", c.certificateSubject(), reason, c.remoteAddress());
            } catch (RuntimeException e) {
                LOG.error("audit entry not stored for the disconnection of {}: {}", c.certificateSubject(), e.toString());
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
