package kz.shekara.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.access.UidHoldings;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.StoreDatabase;

/**
 * A server's accounts, sessions and audit trail, over the event store's database (one schema
 * migration for both; see docs/access.md). The audit trail stamps acts with the wall clock.
 *
 * @param audit    where logins, state-changing requests, releases and crises are recorded
 * @param access   logins, sessions and bearer tokens
 * @param accounts the accounts a TAK client certificate may name
 * @param uids     which certificate user holds each TAK device uid, across restarts
 */
public record ServerAccess(AuditTrail audit, AccessService access, AccountStore accounts, UidHoldings uids)
        implements AutoCloseable {

    /** Opens the audit trail (migrating the database once) and the accounts beside it. */
    public static ServerAccess open(ShekaraConfig config, Clock wall, PrometheusMeterRegistry meters) {
        StoreDatabase store = StoreDatabase.of(config.db(), config.dataDir());
        AuditTrail audit = new AuditTrail(store, wall);
        AccessDatabase accounts = AccessDatabase.over(store);
        return new ServerAccess(audit, new AccessService(accounts, config.access(), wall, meters, audit),
                new AccountStore(accounts), new UidHoldings(accounts, wall));
    }

    @Override
    public void close() {
        audit.close();
    }
}
