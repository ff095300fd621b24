package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import kz.shekara.server.access.PasswordHasher;

/**
 * The CPU time of one login's password check (Argon2id with {@link PasswordHasher#DEFAULT}) on the
 * calling thread, which a loaded machine does not inflate as it does wall time. Usage:
 * {@code PasswordHashCpu [checks]} (default 30, after 5 to warm up); prints milliseconds per check.
 */
public final class PasswordHashCpu {
    private PasswordHashCpu() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        char[] password = "correct horse battery staple".toCharArray();
        String hash = PasswordHasher.DEFAULT.hash(password);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            PasswordHasher.verify(password, hash);
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!PasswordHasher.verify(password, hash)) {
                throw new IllegalStateException("the hash did not verify");
            }
        }
        double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
        double wallMs = (System.nanoTime() - wall0) / 1e6 / n;
        System.out.printf("argon2id %s: %.1f ms CPU per check (%.1f ms wall), %d checks%n",
                hash.substring(0, hash.indexOf('$', 16)), cpuMs, wallMs, n);
    }
}
