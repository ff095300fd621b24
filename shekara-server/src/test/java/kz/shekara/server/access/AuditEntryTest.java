package kz.shekara.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The canonical form of docs/audit.md: the expected hashes were computed apart from this code, from the
 * description alone (length-prefixed UTF-8 fields, SHA-256).
 */
class AuditEntryTest {

    @Test
    void hashesTheDocumentedCanonicalForm() {
        AuditEntry first = AuditEntry.chained(1, Instant.parse("2026-03-01T08:00:00Z"), "commander", "PUT",
                "/api/v1/sectors/S1/posture", "200", "127.0.0.1", AuditEntry.GENESIS);
        assertThat(first.hash()).isEqualTo("020388f88173b55322dd76cd572bb8d5be343bee2c44467762c41ba31c91f66b");
        AuditEntry second = AuditEntry.chained(2, Instant.parse("2026-03-01T08:00:00.500000001Z"), "оператор", "login",
                "partner-uz", "ok", null, "a".repeat(64));
        assertThat(second.address()).isEmpty();
        assertThat(second.hash()).isEqualTo("4b41b56ca8d01e83e2fe8a7a696fa8a5ae56bcb64aea59f894e7f78c9b13066b");
    }

    @Test
    void lengthPrefixesKeepFieldBoundaries() {
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        AuditEntry ab = AuditEntry.chained(1, t, "ab", "c", "x", "200", "", AuditEntry.GENESIS);
        AuditEntry a = AuditEntry.chained(1, t, "a", "bc", "x", "200", "", AuditEntry.GENESIS);
        assertThat(ab.hash()).isNotEqualTo(a.hash());
        assertThat(ab.computedHash()).isEqualTo(ab.hash());
    }

    @Test
    void anyChangedFieldChangesTheComputedHash() {
        AuditEntry e = AuditEntry.chained(7, Instant.parse("2026-03-01T08:00:00Z"), "admin", "certificate.issue", "alpha",
                "issued serial 1a", "cli", AuditEntry.GENESIS);
        AuditEntry[] changed = {
            new AuditEntry(8, e.time(), e.actor(), e.action(), e.target(), e.outcome(), e.address(), e.prevHash(), e.hash()),
            new AuditEntry(7, e.time().plusNanos(1), e.actor(), e.action(), e.target(), e.outcome(), e.address(),
                    e.prevHash(), e.hash()),
            new AuditEntry(7, e.time(), "root", e.action(), e.target(), e.outcome(), e.address(), e.prevHash(), e.hash()),
            new AuditEntry(7, e.time(), e.actor(), "certificate.revoke", e.target(), e.outcome(), e.address(), e.prevHash(),
                    e.hash()),
            new AuditEntry(7, e.time(), e.actor(), e.action(), "beta", e.outcome(), e.address(), e.prevHash(), e.hash()),
            new AuditEntry(7, e.time(), e.actor(), e.action(), e.target(), "failed", e.address(), e.prevHash(), e.hash()),
            new AuditEntry(7, e.time(), e.actor(), e.action(), e.target(), e.outcome(), "10.0.0.1", e.prevHash(), e.hash()),
            new AuditEntry(7, e.time(), e.actor(), e.action(), e.target(), e.outcome(), e.address(), "f".repeat(64),
                    e.hash()),
        };
        for (AuditEntry c : changed) {
            assertThat(c.computedHash()).as(c.toString()).isNotEqualTo(e.hash());
        }
    }
}
