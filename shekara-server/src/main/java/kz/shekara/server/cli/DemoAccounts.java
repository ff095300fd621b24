package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.PasswordHasher;
import kz.shekara.server.access.Role;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLogs;
import kz.shekara.theatre.Theatre;

/**
 * The demo's accounts: {@code operator}, {@code commander}, {@code analyst} and {@code admin} of the
 * home agency, and {@code partner-uz} of the neighbouring border service ({@value #PARTNER_AGENCY},
 * when the theatre has it), each with the password {@code demo-} + its name. Added when missing
 * (an existing account is left as it is) and printed at start.
 */
final class DemoAccounts {
    static final String PARTNER_AGENCY = "uz-bs";

    private DemoAccounts() {
    }

    /** Adds the missing demo accounts to the config's store and prints every one with its password. */
    static void seed(ShekaraConfig config, Theatre theatre, PrintWriter out) {
        AccountStore accounts = new AccountStore(AccessDatabase.open(EventLogs.jdbcUrl(config.db(), config.dataDir())));
        String home = theatre.defaultMarking().originator();
        record Demo(String user, Role role, String agency) {
        }
        List<Demo> demo = new ArrayList<>(List.of(new Demo("operator", Role.OPERATOR, home),
                new Demo("commander", Role.COMMANDER, home), new Demo("analyst", Role.ANALYST, home),
                new Demo("admin", Role.ADMIN, home)));
        if (theatre.agencies().stream().anyMatch(a -> a.id().equals(PARTNER_AGENCY))) {
            demo.add(new Demo("partner-uz", Role.PARTNER, PARTNER_AGENCY));
        }
        out.println("shekara: demo accounts (user / password / role / agency):");
        for (Demo d : demo) {
            if (accounts.find(d.user()).isEmpty()) {
                accounts.add(d.user(), d.role(), d.agency(), PasswordHasher.DEFAULT.hash(("demo-" + d.user()).toCharArray()),
                        Clock.systemUTC().instant());
            }
            out.printf("  %-11s demo-%-11s %-10s %s%n", d.user(), d.user(), d.role().id(), d.agency());
        }
        out.flush();
    }
}
