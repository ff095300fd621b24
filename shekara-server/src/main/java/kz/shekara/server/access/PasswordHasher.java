package kz.shekara.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}
 * (unpadded base64): a hash carries its own salt and parameters, so it is verified with the parameters
 * it was made with and the parameters of new hashes can be raised at any time. Thread-safe.
 */
public final class PasswordHasher {
    /** 19 MiB, 2 passes, 1 lane: the commonly recommended minimum for Argon2id, tens of milliseconds here. */
    public static final PasswordHasher DEFAULT = new PasswordHasher(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int passes;
    private final int lanes;
    private final SecureRandom random = new SecureRandom();

    /** Hashes made with {@code memoryKib} KiB of memory, {@code passes} passes over it and {@code lanes} lanes. */
    public PasswordHasher(int memoryKib, int passes, int lanes) {
        if (memoryKib < 8 * lanes || passes < 1 || lanes < 1) {
            throw new IllegalArgumentException("argon2id needs memory >= 8 KiB per lane and at least one pass and lane");
        }
        this.memoryKib = memoryKib;
        this.passes = passes;
        this.lanes = lanes;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] h = derive(password, salt, memoryKib, passes, lanes, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=" + lanes + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(h);
    }

    /**
     * True when {@code password} matches {@code phc}; false for a wrong password and for a string that is
     * not an Argon2id PHC hash. The hashes are compared in constant time.
     */
    public static boolean verify(char[] password, String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            return false;
        }
        int mem = Integer.parseInt(m.group(1));
        int t = Integer.parseInt(m.group(2));
        int p = Integer.parseInt(m.group(3));
        if (mem < 8 * p || t < 1 || p < 1) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, B64D.decode(m.group(4)), mem, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
                .withMemoryAsKB(memoryKib).withIterations(passes).withParallelism(lanes).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] pw = toUtf8(password);
        byte[] out = new byte[length];
        try {
            gen.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        var buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return b;
    }
}
