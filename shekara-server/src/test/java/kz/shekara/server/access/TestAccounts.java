package kz.shekara.server.access;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.shekara.server.config.AccessConfig;
import kz.shekara.server.store.EventLogs;
import kz.shekara.theatre.Theatre;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real accounts for tests that talk to a running server: one account of each role in the event
 * store's database (user = the role's name, e.g. {@code commander}; password {@link #password}), of
 * the theatre's home agency, and {@code partner} of another agency of the theatre. Hashes are made
 * with cheap Argon2id parameters so that tests stay quick; the server verifies them as any other.
 */
public final class TestAccounts {
    /** Cheap parameters, for test accounts only. */
    public static final PasswordHasher CHEAP = new PasswordHasher(64, 1, 1);

    private TestAccounts() {
    }

    /** The password of a test account. */
    public static String password(String user) {
        return "pw-" + user + "-secret";
    }

    /** The agency of the {@code partner} test account: the theatre's first agency that is not the home one. */
    public static String partnerAgency(Theatre theatre) {
        String home = theatre.defaultMarking().originator();
        return theatre.agencies().stream().map(a -> a.id()).filter(a -> !a.equals(home)).findFirst().orElse("partner-agency");
    }

    /** Adds the test accounts (those missing) to the database at {@code jdbcUrl}. */
    public static AccessDatabase seed(String jdbcUrl, Theatre theatre) {
        AccessDatabase db = AccessDatabase.open(jdbcUrl);
        AccountStore accounts = new AccountStore(db);
        String home = theatre.defaultMarking().originator();
        for (Role r : Role.values()) {
            String agency = r == Role.PARTNER ? partnerAgency(theatre) : home;
            if (accounts.find(r.id()).isEmpty()) {
                accounts.add(r.id(), r, agency, CHEAP.hash(password(r.id()).toCharArray()), Instant.EPOCH);
            }
        }
        return db;
    }

    /** Adds an account {@code user} of {@code role} in {@code agency}, with the test password of its name. */
    public static void add(AccessDatabase db, String user, Role role, String agency) {
        new AccountStore(db).add(user, role, agency, CHEAP.hash(password(user).toCharArray()), Instant.EPOCH);
    }

    /** Adds the test accounts to the default store of {@code dataDir}, as {@code serve --data-dir} opens it. */
    public static AccessDatabase seed(Path dataDir, Theatre theatre) {
        return seed(EventLogs.jdbcUrl(null, dataDir), theatre);
    }

    /** Adds the test accounts to the store a server started with {@code config} uses. */
    public static AccessDatabase seed(kz.shekara.server.config.ShekaraConfig config, Theatre theatre) {
        return seed(EventLogs.jdbcUrl(config.db(), config.dataDir()), theatre);
    }

    /** An access service on a new SQLite store in {@code dir}, holding the test accounts; default settings. */
    public static AccessService service(Path dir, Theatre theatre, MeterRegistry meters) {
        return service(dir, theatre, meters, AccessConfig.defaults(), Clock.systemUTC(), AuditSink.NONE);
    }

    public static AccessService service(Path dir, Theatre theatre, MeterRegistry meters, AccessConfig config,
                                       Clock clock, AuditSink audit) {
        return new AccessService(seed(EventLogs.jdbcUrl(null, dir), theatre), config, clock, meters, audit);
    }

    /** An HTTP client logged in as {@code user} (see {@link LoggedInClient}) on whichever server it talks to. */
    public static HttpClient client(String user) {
        return new LoggedInClient(user, password(user));
    }

    /** An HTTP client logged in as {@code user} with {@code password}. */
    public static HttpClient client(String user, String password) {
        return new LoggedInClient(user, password);
    }

    /** The client most tests use: the home agency's commander (every operational action but export). */
    public static HttpClient commander() {
        return client(Role.COMMANDER.id());
    }

    /** Logs the browser in through the map's login page at {@code base} and waits until the map shows the user. */
    public static void browserLogin(WebDriver driver, String base, String user) {
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.id("login-user")).isEmpty() || !d.findElements(By.id("whoami")).isEmpty());
        if (driver.findElements(By.id("login-user")).isEmpty()) {
            return; // still logged in from an earlier page of the same browser session
        }
        driver.findElement(By.id("login-user")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(password(user));
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), user));
    }
}
