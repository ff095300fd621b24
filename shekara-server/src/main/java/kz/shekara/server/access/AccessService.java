package kz.shekara.server.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import kz.shekara.server.config.AccessConfig;

/**
 * Who is asking: logs accounts in (Argon2id passwords, lockout after repeated failures, a per-address
 * rate limit), keeps their web sessions, and resolves a session id or a bearer token to a
 * {@link Grant}. Every refusal is counted in {@code shekara.access.refusals{reason}} and every login
 * attempt goes to the {@link AuditSink}. Sessions are re-checked against the accounts table every
 * {@value #RECHECK_SECONDS} seconds, so an account disabled elsewhere (the command line) loses its
 * sessions within that time; one disabled here ({@link #disable}) loses them at once, and so do its
 * tokens and, through the listeners of {@link #onDisabled}, its TAK connections. Thread-safe.
 */
public final class AccessService {
    static final int RECHECK_SECONDS = 30;
    /** Passwords shorter than this are refused. */
    public static final int MIN_PASSWORD = 8;
    /** A hash of nothing, verified when a login names no account, so that an unknown name takes as long as a wrong password. */
    private static final String DUMMY = PasswordHasher.DEFAULT.hash("-".toCharArray());

    /** The outcome of a login: the new session, or the refusal's reason ({@code login-failed}, {@code locked}, {@code rate-limited}). */
    public record Login(Session session, String refusal) {
        public boolean ok() {
            return session != null;
        }
    }

    private final AccountStore accounts;
    private final TokenStore tokens;
    private final AccessConfig config;
    private final Clock clock;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final MeterRegistry meters;
    private final AuditSink audit;
    private final Counter logins;
    private final List<Consumer<String>> disabledListeners = new CopyOnWriteArrayList<>();

    /**
     * @param clock wall time, for sessions, lockouts and the rate limit (not event time)
     */
    public AccessService(AccessDatabase db, AccessConfig config, Clock clock, MeterRegistry meters, AuditSink audit) {
        this.accounts = new AccountStore(Objects.requireNonNull(db, "db"));
        this.tokens = new TokenStore(db);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sessions = new Sessions(config.sessionIdle(), config.sessionMax(), clock);
        this.throttle = new LoginThrottle(config.loginsPerMinute(), clock);
        this.logins = Counter.builder("shekara.access.logins").description("Successful logins").register(meters);
    }

    public AccountStore accounts() {
        return accounts;
    }

    public TokenStore tokens() {
        return tokens;
    }

    /** Where logins, refusals and state-changing requests are recorded. */
    public AuditSink audit() {
        return audit;
    }

    /** Tries a login from {@code address}; the password array is not kept. */
    public Login login(String user, char[] password, String address) {
        String who = user == null || user.isBlank() ? "-" : user;
        if (!throttle.allow(address)) {
            return refuse(who, "rate-limited", address);
        }
        Optional<Account> found = user == null ? Optional.empty() : accounts.find(user);
        if (found.isEmpty()) {
            PasswordHasher.verify(password, DUMMY);
            return refuse(who, "login-failed", address);
        }
        Account a = found.get();
        if (a.lockedAt(clock.instant())) {
            return refuse(who, "locked", address);
        }
        if (!PasswordHasher.verify(password, a.passwordHash())) {
            accounts.failed(a.user(), config.maxFailures(), clock.instant().plus(config.lockout()));
            return refuse(who, "login-failed", address);
        }
        if (a.disabled()) {
            return refuse(who, "login-failed", address);
        }
        accounts.succeeded(a.user());
        Session s = sessions.open(a.identity());
        logins.increment();
        audit.record(a.user(), "login", a.user(), "ok", address);
        return new Login(s, null);
    }

    /** Ends the session {@code id} (nothing when there is none). */
    public void logout(Session session, String address) {
        sessions.close(session.id());
        audit.record(session.identity().name(), "logout", session.identity().name(), "ok", address);
    }

    /** The grant of the live web session {@code id}; empty when unknown, expired, or its account is disabled or gone. */
    public Optional<Grant> session(String id) {
        Optional<Session> s = sessions.use(id);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Identity who = s.get().identity();
        if (sessions.dueForCheck(id, Duration.ofSeconds(RECHECK_SECONDS))) {
            Optional<Account> now = accounts.find(who.name());
            if (now.isEmpty() || now.get().disabled() || !now.get().identity().equals(who)) {
                sessions.closeAll(who.name());
                return Optional.empty();
            }
        }
        return Optional.of(Grant.of(who, s.get()));
    }

    /** The grant of a valid (not revoked) machine token: its scope's one action. */
    public Optional<Grant> bearer(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return tokens.bySecret(secret.strip()).map(t -> new Grant(t.identity(), java.util.Set.of(t.scope().action()), null));
    }

    /** {@code listener} is told the user of every account {@link #disable}d here, after its sessions have ended. */
    public void onDisabled(Consumer<String> listener) {
        disabledListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Disables {@code user}'s account as {@code actor} asks from {@code address}: no more logins, its
     * web sessions end now, its tokens are refused from the next request, and the listeners of
     * {@link #onDisabled} close what else it has open. Audited ({@code account.disable}); false when
     * there is no such user.
     */
    public boolean disable(String user, String actor, String address) {
        if (!accounts.disable(user)) {
            return false;
        }
        endSessions(user, "account-disabled");
        audit.record(actor, "account.disable", user, "ok", address);
        disabledListeners.forEach(l -> l.accept(user));
        return true;
    }

    /**
     * Adds an account as {@code actor} asks from {@code address}, its password hashed (the array is
     * not kept). Audited ({@code account.add}); IllegalArgumentException for a bad or taken user name
     * or a password shorter than {@value #MIN_PASSWORD} characters.
     */
    public void add(String user, Role role, String agency, java.util.Set<String> groups, char[] password, String actor,
                    String address) {
        AccountStore.checkUser(user);
        groups.forEach(AccountStore::checkGroup);
        checkPassword(password);
        accounts.add(user, role, agency, PasswordHasher.DEFAULT.hash(password), clock.instant(), groups);
        audit.record(actor, "account.add", user, "ok " + role.id() + " " + agency + " " + new java.util.TreeSet<>(groups),
                address);
    }

    /**
     * Makes {@code groups} {@code user}'s groups beyond its agency as {@code actor} asks; its TAK
     * devices route in them from their next connection. Audited ({@code account.groups}); false when
     * there is no such user, IllegalArgumentException for a bad group name.
     */
    public boolean setGroups(String user, java.util.Set<String> groups, String actor, String address) {
        if (!accounts.setGroups(user, groups)) {
            return false;
        }
        audit.record(actor, "account.groups", user, "ok " + new java.util.TreeSet<>(groups), address);
        return true;
    }

    /** Enables {@code user}'s account again as {@code actor} asks; audited ({@code account.enable}); false when there is no such user. */
    public boolean enable(String user, String actor, String address) {
        if (!accounts.enable(user)) {
            return false;
        }
        audit.record(actor, "account.enable", user, "ok", address);
        return true;
    }

    /**
     * Sets {@code user}'s password as {@code actor} asks (clearing a lockout); the account's other web
     * sessions end. Audited ({@code account.password}, never the password); false when there is no such
     * user, IllegalArgumentException for a password shorter than {@value #MIN_PASSWORD} characters.
     */
    public boolean setPassword(String user, char[] password, String actor, String address) {
        checkPassword(password);
        if (!accounts.setPassword(user, PasswordHasher.DEFAULT.hash(password))) {
            return false;
        }
        endSessions(user, "password-changed");
        audit.record(actor, "account.password", user, "ok", address);
        return true;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
        }
    }

    /**
     * Ends every web session of {@code user} now (its account was disabled, say), counted in
     * {@code shekara.access.sessions.ended{reason}}; returns how many there were.
     */
    public int endSessions(String user, String reason) {
        int n = sessions.closeAll(user);
        if (n > 0) {
            Counter.builder("shekara.access.sessions.ended").tag("reason", reason)
                    .description("Web sessions ended before their time, by reason").register(meters).increment(n);
        }
        return n;
    }

    /** What state {@code a} is in now: {@code disabled}, {@code locked} or {@code active}. */
    public String state(Account a) {
        return a.disabled() ? "disabled" : a.lockedAt(clock.instant()) ? "locked" : "active";
    }

    /** Counts a refusal in {@code shekara.access.refusals{reason}}. */
    public void refused(String reason) {
        Counter.builder("shekara.access.refusals").tag("reason", reason)
                .description("Requests and logins refused by the access check, by reason").register(meters).increment();
    }

    /** Open web sessions. */
    public int sessions() {
        return sessions.size();
    }

    private Login refuse(String user, String reason, String address) {
        refused(reason);
        audit.record(user, "login", user, reason, address);
        return new Login(null, reason);
    }
}
