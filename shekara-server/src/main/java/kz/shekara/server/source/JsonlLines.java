package kz.shekara.server.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.adapter.DecodeException;

/**
 * Reads one JSONL file a line at a time and decodes each into an event, handing bad lines (with
 * their line number) to a rejection handler and going on. Blank lines are skipped; a line whose
 * time is earlier than the previous good line's is rejected as {@code out-of-order}, so what comes
 * out is in time order. Single-threaded.
 */
final class JsonlLines<E extends DomainEvent> implements AutoCloseable {
    /** Decodes one line. */
    @FunctionalInterface
    interface Decoder<E> {
        E decode(String line) throws DecodeException;
    }

    /** Told of each bad line. */
    @FunctionalInterface
    interface Rejections {
        void reject(Path file, long line, DecodeException e);
    }

    private final Path file;
    private final BufferedReader reader;
    private final Decoder<E> decoder;
    private final Rejections rejections;
    private long lineNumber;
    private Instant last;
    private E head;

    JsonlLines(Path file, Decoder<E> decoder, Rejections rejections) throws IOException {
        this.file = file;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.decoder = decoder;
        this.rejections = rejections;
    }

    /** The next good event without consuming it, or null at the end of the file. */
    E peek() throws IOException {
        while (head == null) {
            String line = reader.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                E e = decoder.decode(line);
                if (last != null && e.time().isBefore(last)) {
                    throw new DecodeException("out-of-order", "time " + e.time() + " is before the previous line's " + last);
                }
                last = e.time();
                head = e;
            } catch (DecodeException e) {
                rejections.reject(file, lineNumber, e);
            }
        }
        return head;
    }

    /** The next good event, consumed, or null at the end of the file. */
    E next() throws IOException {
        E e = peek();
        head = null;
        return e;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
