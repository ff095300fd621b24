package kz.shekara.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import kz.shekara.server.access.Token;
import kz.shekara.server.access.TokenScope;
import kz.shekara.server.access.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara tokens issue|list|revoke}: bearer tokens for machines (sensor gateways: scope
 * {@code ingest}; partner systems: scope {@code feed}; metrics scrapers: scope {@code metrics}), kept hashed in the event store's database.
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Bearer tokens for machines: issue (printed once), list, revoke.",
        subcommands = {TokensCommand.Issue.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a token and print it once (only its SHA-256 is kept).")
    static final class Issue implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Mixin
        TheatreOption theatre;

        @Option(names = "--name", required = true, paramLabel = "N", description = "Token name (the actor it acts as: token:N).")
        String name;

        @Option(names = "--agency", required = true, paramLabel = "A", description = "One of the theatre's agencies.")
        String agency;

        @Option(names = "--scope", required = true, paramLabel = "S", description = "ingest, feed or metrics.")
        String scope;

        @Option(names = "--account", paramLabel = "U",
                description = "Account the token belongs to: it is refused while that account is disabled.")
        String account;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TokenScope s = TokenScope.of(scope);
            AgencyCheck.check(theatre.load(), agency);
            var db = store.open();
            if (account != null && new kz.shekara.server.access.AccountStore(db).find(account).isEmpty()) {
                throw new IllegalArgumentException("no account '" + account + "'");
            }
            String secret = new TokenStore(db).issue(name, agency, s, account, Clock.systemUTC().instant());
            spec.commandLine().getOut().println(secret);
            spec.commandLine().getErr().printf("issued token %s (%s, %s); it is shown only now: send it as "
                    + "'Authorization: Bearer <token>'%n", name, s.id(), agency);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-7s %-12s %-30s %s%n", "NAME", "SCOPE", "AGENCY", "CREATED", "REVOKED");
            for (Token t : new TokenStore(store.open()).list()) {
                out.printf("%-24s %-7s %-12s %-30s %s%n", t.name(), t.scope().id(), t.agency(), t.created(),
                        t.revoked() == null ? "-" : t.revoked());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Parameters(paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!new TokenStore(store.open()).revoke(name, Clock.systemUTC().instant())) {
                spec.commandLine().getErr().println("shekara: no valid token '" + name + "'");
                return 1;
            }
            spec.commandLine().getOut().println("revoked " + name);
            return 0;
        }
    }
}
