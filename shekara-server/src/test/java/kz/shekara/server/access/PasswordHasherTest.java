package kz.shekara.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void hashIsArgon2idPhcWithItsOwnSaltAndVerifiesOnlyTheSamePassword() {
        PasswordHasher h = new PasswordHasher(256, 1, 1);
        String a = h.hash("correct horse".toCharArray());
        String b = h.hash("correct horse".toCharArray());
        assertThat(a).matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).as("a fresh salt each time").isNotEqualTo(b);
        assertThat(PasswordHasher.verify("correct horse".toCharArray(), a)).isTrue();
        assertThat(PasswordHasher.verify("correct horsE".toCharArray(), a)).isFalse();
        assertThat(PasswordHasher.verify("".toCharArray(), a)).isFalse();
    }

    @Test
    void theDefaultParametersAreWrittenIntoTheHash() {
        assertThat(PasswordHasher.DEFAULT.hash("x".toCharArray())).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void anythingButAnArgon2idHashNeverVerifies() {
        char[] pw = "secret".toCharArray();
        assertThat(PasswordHasher.verify(pw, null)).isFalse();
        assertThat(PasswordHasher.verify(pw, "")).isFalse();
        assertThat(PasswordHasher.verify(pw, "secret")).isFalse();
        assertThat(PasswordHasher.verify(pw, "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(PasswordHasher.verify(pw, "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(PasswordHasher.verify(pw, "$argon2id$v=19$m=4,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"))
                .as("parameters Argon2 refuses").isFalse();
    }

    @Test
    void aHashOfOtherParametersVerifiesWithItsOwn() {
        String cheap = new PasswordHasher(64, 1, 1).hash("pw".toCharArray());
        assertThat(PasswordHasher.verify("pw".toCharArray(), cheap)).isTrue();
    }
}
