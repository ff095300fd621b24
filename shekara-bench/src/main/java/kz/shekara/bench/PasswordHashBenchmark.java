package kz.shekara.bench;

import java.util.concurrent.TimeUnit;
import kz.shekara.server.access.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one login's password check: verifying an Argon2id hash made with the server's
 * parameters ({@link PasswordHasher#DEFAULT}), on one core. Scores are milliseconds per check; a
 * login should stay well under 100 ms, and each check costs the same for a right and a wrong
 * password.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PasswordHashBenchmark {
    private final char[] password = "correct horse battery staple".toCharArray();
    private String hash;

    @Setup
    public void setUp() {
        hash = PasswordHasher.DEFAULT.hash(password);
    }

    @Benchmark
    public boolean verify() {
        return PasswordHasher.verify(password, hash);
    }
}
