package kz.shekara.server.adapter.cot.cert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificate authority's register of the client certificates it issued, one line each in a
 * tab-separated file ({@code serial user agency status notAfter subject}, serial in hex). Rewritten
 * whole through a temporary file and an atomic move, so a server reading it during a handshake
 * never sees half a file. Not thread-safe for writers (one command at a time writes it).
 */
final class CertIndex {
    /** One issued certificate; {@code revoked} once revoked. */
    record Entry(BigInteger serial, String user, String agency, boolean revoked, Instant notAfter, String subject) {
        String line() {
            return String.join("\t", serial.toString(16), user, agency, revoked ? "revoked" : "valid",
                    notAfter.toString(), subject);
        }

        static Entry parse(String line) {
            String[] f = line.split("\t", 6);
            if (f.length != 6) {
                throw new IllegalStateException("bad certificate index line: " + line);
            }
            return new Entry(new BigInteger(f[0], 16), f[1], f[2], f[3].equals("revoked"), Instant.parse(f[4]), f[5]);
        }

        Entry asRevoked() {
            return new Entry(serial, user, agency, true, notAfter, subject);
        }
    }

    private final Path file;

    CertIndex(Path file) {
        this.file = file;
    }

    List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Entry::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Entry> find(BigInteger serial) {
        return entries().stream().filter(e -> e.serial().equals(serial)).findFirst();
    }

    void add(Entry e) {
        List<Entry> all = new ArrayList<>(entries());
        all.add(e);
        write(all);
    }

    /** Revokes every certificate of {@code user} still valid; returns how many. */
    int revoke(String user) {
        List<Entry> all = new ArrayList<>(entries());
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).user().equals(user) && !all.get(i).revoked()) {
                all.set(i, all.get(i).asRevoked());
                n++;
            }
        }
        write(all);
        return n;
    }

    private void write(List<Entry> all) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, all.stream().map(Entry::line).toList(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
