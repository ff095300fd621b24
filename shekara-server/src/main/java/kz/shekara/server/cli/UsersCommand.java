package kz.shekara.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import kz.shekara.server.access.Account;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.PasswordHasher;
import kz.shekara.server.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara users add|list|disable|passwd|groups}: the accounts of the web map and API, kept in the
 * event store's database. Passwords are read from standard input (first line) or {@code --password-file}
 * and kept only as Argon2id hashes.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Accounts of the web map and API: add, list, disable, passwd, groups.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
            UsersCommand.Passwd.class, UsersCommand.Groups.class})
public final class UsersCommand implements Runnable {
    /** Passwords shorter than this are refused. */
    static final int MIN_PASSWORD = kz.shekara.server.access.AccessService.MIN_PASSWORD;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the password comes from. */
    static final class PasswordSource {
        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the password from the first line of FILE instead of standard input.")
        Path file;

        char[] read() throws IOException {
            String line;
            if (file != null) {
                line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } else {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (line == null || line.strip().length() < MIN_PASSWORD) {
                throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
            }
            return line.strip().toCharArray();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an account; the password is read from standard input (or --password-file).")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Mixin
        TheatreOption theatre;

        @Mixin
        PasswordSource password;

        @Option(names = "--user", required = true, paramLabel = "U", description = "User name.")
        String user;

        @Option(names = "--role", required = true, paramLabel = "R",
                description = "operator, commander, analyst, partner or admin.")
        String role;

        @Option(names = "--agency", required = true, paramLabel = "A", description = "One of the theatre's agencies.")
        String agency;

        @Option(names = "--group", paramLabel = "G",
                description = "A named group beyond the agency (repeatable): its TAK devices route in it too.")
        java.util.List<String> groups = new java.util.ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Role r = Role.of(role);
            AgencyCheck.check(theatre.load(), agency);
            AccountStore.checkUser(user);
            AccountStore accounts = new AccountStore(store.open());
            groups.forEach(AccountStore::checkGroup);
            accounts.add(user, r, agency, PasswordHasher.DEFAULT.hash(password.read()), Clock.systemUTC().instant(),
                    java.util.Set.copyOf(groups));
            spec.commandLine().getOut().printf("added %s (%s, %s)%s%n", user, r.id(), agency,
                    groups.isEmpty() ? "" : " in " + String.join(", ", new java.util.TreeSet<>(groups)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-10s %-12s %-9s %-24s %s%n", "USER", "ROLE", "AGENCY", "STATE", "CREATED", "GROUPS");
            Clock clock = Clock.systemUTC();
            for (Account a : new AccountStore(store.open()).list()) {
                String state = a.disabled() ? "disabled" : a.lockedAt(clock.instant()) ? "locked" : "active";
                out.printf("%-24s %-10s %-12s %-9s %-24s %s%n", a.user(), a.role().id(), a.agency(), state, a.created(),
                        String.join(",", a.groups()));
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an account: no more logins; its open sessions end within half a minute.")
    static final class Disable implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Parameters(paramLabel = "USER")
        String user;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!new AccountStore(store.open()).disable(user)) {
                spec.commandLine().getErr().println("shekara: no user '" + user + "'");
                return 1;
            }
            spec.commandLine().getOut().println("disabled " + user);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set an account's password (from standard input or --password-file); clears a lockout.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Mixin
        PasswordSource password;

        @Parameters(paramLabel = "USER")
        String user;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            AccountStore accounts = new AccountStore(store.open());
            if (accounts.find(user).isEmpty()) {
                spec.commandLine().getErr().println("shekara: no user '" + user + "'");
                return 1;
            }
            accounts.setPassword(user, PasswordHasher.DEFAULT.hash(password.read()));
            spec.commandLine().getOut().println("password set for " + user);
            return 0;
        }
    }

    @Command(name = "groups", mixinStandardHelpOptions = true,
            description = "Set an account's named groups (those given; none clears them). Its TAK devices route in"
                    + " its agency and these from their next connection.")
    static final class Groups implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Parameters(paramLabel = "USER")
        String user;

        @Option(names = "--group", paramLabel = "G", description = "A group (repeatable).")
        java.util.List<String> groups = new java.util.ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            groups.forEach(AccountStore::checkGroup);
            if (!new AccountStore(store.open()).setGroups(user, java.util.Set.copyOf(groups))) {
                spec.commandLine().getErr().println("shekara: no user '" + user + "'");
                return 1;
            }
            spec.commandLine().getOut().println("groups of " + user + ": " + String.join(", ",
                    new java.util.TreeSet<>(groups)));
            return 0;
        }
    }
}
