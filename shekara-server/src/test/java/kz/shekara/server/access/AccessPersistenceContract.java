package kz.shekara.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the access database keeps across a restart (a new {@link AccessDatabase} over the same
 * store), in every dialect: an account's groups, and who holds a TAK device uid.
 */
abstract class AccessPersistenceContract {
    /** A new, empty store's JDBC URL; each call a store of its own. */
    abstract String newStore();

    @Test
    void anAccountsGroupsAreKeptReplacedAndClearedAcrossAReopen() {
        String url = newStore();
        AccountStore accounts = new AccountStore(AccessDatabase.open(url));
        accounts.add("joint-1", Role.OPERATOR, "kz-bs", "unused", Instant.EPOCH, Set.of("joint-ops", "caspian"));
        accounts.add("solo", Role.OPERATOR, "kz-bs", "unused", Instant.EPOCH);

        AccountStore reopened = new AccountStore(AccessDatabase.open(url));
        assertThat(reopened.find("joint-1").orElseThrow().groups()).containsExactlyInAnyOrder("joint-ops", "caspian");
        assertThat(reopened.find("solo").orElseThrow().groups()).isEmpty();
        assertThat(reopened.setGroups("solo", Set.of("joint-ops"))).isTrue();
        assertThat(reopened.setGroups("joint-1", Set.of())).isTrue();
        assertThat(reopened.setGroups("nobody", Set.of("x"))).isFalse();
        assertThatThrownBy(() -> reopened.setGroups("solo", Set.of("bad group"))).isInstanceOf(IllegalArgumentException.class);

        AccountStore again = new AccountStore(AccessDatabase.open(url));
        assertThat(again.list()).extracting(a -> a.user() + " " + a.groups())
                .containsExactly("joint-1 []", "solo [joint-ops]");
    }

    @Test
    void theFirstHolderOfAUidKeepsItAcrossAReopen() {
        String url = newStore();
        UidHoldings holdings = new UidHoldings(AccessDatabase.open(url), java.time.Clock.systemUTC());
        assertThat(holdings.hold("DEV-9", "alpha")).isEqualTo("alpha");
        assertThat(holdings.hold("DEV-9", "bravo")).isEqualTo("alpha");
        assertThat(holdings.hold("DEV-10", "bravo")).isEqualTo("bravo");

        UidHoldings reopened = new UidHoldings(AccessDatabase.open(url), java.time.Clock.systemUTC());
        assertThat(reopened.hold("DEV-9", "bravo")).isEqualTo("alpha");
        assertThat(reopened.hold("DEV-10", "alpha")).isEqualTo("bravo");
    }
}
