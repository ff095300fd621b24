package kz.shekara.bench.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The relay process's counters, asked over its standard input ({@link RelayServer}). */
final class RelayStats {
    private final OutputStream commands;
    private final BufferedReader answers;

    RelayStats(OutputStream commands, BufferedReader answers) {
        this.commands = commands;
        this.answers = answers;
    }

    /** {in, out, slow, rejected} now. */
    long[] read() throws IOException {
        commands.write("stats\n".getBytes(StandardCharsets.US_ASCII));
        commands.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("relay server gone");
        }
        long[] v = new long[4];
        String[] parts = line.split(" ");
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(parts[i].substring(parts[i].indexOf('=') + 1));
        }
        return v;
    }
}
