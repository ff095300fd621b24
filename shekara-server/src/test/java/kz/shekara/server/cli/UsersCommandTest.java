package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.Account;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.PasswordHasher;
import kz.shekara.server.access.Role;
import kz.shekara.server.access.TokenStore;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code users add|list|disable|passwd} and {@code tokens issue|list|revoke} on a real SQLite file and
 * a real PostgreSQL database, as an administrator runs them; the rows are read back from the store.
 */
@ExtendWith(PostgresExtension.class)
class UsersCommandTest {
    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    private Path password(String text) throws Exception {
        return Files.writeString(dir.resolve("pw-" + text.hashCode()), text + "\n");
    }

    private static String[] with(List<String> store, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(store);
        return all.toArray(String[]::new);
    }

    @Test
    void keepsAccountsInTheSqliteFileOfTheDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        accountsLifeCycle(List.of("--data-dir", data.toString()), EventLogs.jdbcUrl(null, data));
        assertThat(data.resolve(EventLogs.DEFAULT_FILE)).isRegularFile();
    }

    @Test
    void keepsAccountsInPostgres(LocalPostgres pg) throws Exception {
        String url = pg.createDatabase();
        accountsLifeCycle(List.of("--db", url), url);
    }

    private void accountsLifeCycle(List<String> store, String url) throws Exception {
        assertThat(run(0, with(store, "users", "add", "--user", "aigerim", "--role", "operator", "--agency", "kz-bs",
                "--password-file", password("first-secret").toString()))).contains("added aigerim (operator, kz-bs)");
        assertThat(run(1, with(store, "users", "add", "--user", "aigerim", "--role", "analyst", "--agency", "kz-bs",
                "--password-file", password("other-secret").toString()))).contains("exists");
        assertThat(run(1, with(store, "users", "add", "--user", "bob", "--role", "operator", "--agency", "xx-nowhere",
                "--password-file", password("first-secret").toString()))).contains("unknown agency 'xx-nowhere'", "kz-bs", "uz-bs");
        assertThat(run(1, with(store, "users", "add", "--user", "bob", "--role", "general", "--agency", "kz-bs",
                "--password-file", password("first-secret").toString()))).contains("unknown role 'general'");
        assertThat(run(1, with(store, "users", "add", "--user", "bob", "--role", "operator", "--agency", "kz-bs",
                "--password-file", password("short").toString()))).contains("at least 8 characters");
        run(0, with(store, "users", "add", "--user", "partner-1", "--role", "partner", "--agency", "uz-bs",
                "--password-file", password("partner-secret").toString()));

        AccountStore accounts = new AccountStore(AccessDatabase.open(url));
        Account a = accounts.find("aigerim").orElseThrow();
        assertThat(a.role()).isEqualTo(Role.OPERATOR);
        assertThat(a.agency()).isEqualTo("kz-bs");
        assertThat(a.passwordHash()).startsWith("$argon2id$v=19$").doesNotContain("first-secret");
        assertThat(PasswordHasher.verify("first-secret".toCharArray(), a.passwordHash())).isTrue();

        String list = run(0, with(store, "users", "list"));
        assertThat(list).containsPattern("aigerim +operator +kz-bs +active").containsPattern("partner-1 +partner +uz-bs +active");

        assertThat(run(0, with(store, "users", "passwd", "aigerim", "--password-file", password("second-secret").toString())))
                .contains("password set for aigerim");
        String hash = accounts.find("aigerim").orElseThrow().passwordHash();
        assertThat(PasswordHasher.verify("second-secret".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("first-secret".toCharArray(), hash)).isFalse();

        assertThat(run(0, with(store, "users", "disable", "aigerim"))).contains("disabled aigerim");
        assertThat(accounts.find("aigerim").orElseThrow().disabled()).isTrue();
        assertThat(run(0, with(store, "users", "list"))).containsPattern("aigerim +operator +kz-bs +disabled");
        assertThat(run(1, with(store, "users", "disable", "nobody"))).contains("no user 'nobody'");

        String issued = run(0, with(store, "tokens", "issue", "--name", "uz-feed", "--agency", "uz-bs", "--scope", "feed"));
        String secret = issued.lines().filter(l -> l.startsWith("shk_")).findFirst().orElseThrow();
        TokenStore tokens = new TokenStore(AccessDatabase.open(url));
        assertThat(tokens.bySecret(secret).orElseThrow().agency()).isEqualTo("uz-bs");
        assertThat(run(1, with(store, "tokens", "issue", "--name", "x", "--agency", "nowhere", "--scope", "feed")))
                .contains("unknown agency 'nowhere'");
        assertThat(run(1, with(store, "tokens", "issue", "--name", "x", "--agency", "uz-bs", "--scope", "admin")))
                .contains("unknown token scope 'admin'");
        assertThat(run(0, with(store, "tokens", "list"))).containsPattern("uz-feed +feed +uz-bs").doesNotContain(secret);
        assertThat(run(0, with(store, "tokens", "revoke", "uz-feed"))).contains("revoked uz-feed");
        assertThat(tokens.bySecret(secret)).isEmpty();
    }
}
