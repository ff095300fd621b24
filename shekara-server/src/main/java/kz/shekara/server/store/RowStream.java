package kz.shekara.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily fetched, ordered stream of stored events over an open result set
 * ({@code seq, topic, event_key, type, payload}). A reader thread fetches rows in chunks while the
 * consuming thread decodes them, so fetching and JSON decoding overlap (replay at start-up is
 * bounded by the slower of the two, not their sum). Closing the stream stops the reader, which
 * closes the result set, the statement and the connection. One consumer.
 */
final class RowStream extends Spliterators.AbstractSpliterator<StoredEvent> {
    private static final int CHUNK = 1_024;
    private static final Object END = new Object();

    private record Row(long seq, String topic, String key, String tag, byte[] payload) {
    }

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(16);
    private final EventCodec codec = EventCodec.standard();
    private final Thread reader;
    private volatile boolean cancelled;
    private Iterator<Row> current = Collections.emptyIterator();
    private boolean done;

    private RowStream(Connection c, PreparedStatement ps, ResultSet rs,
                      Function<SQLException, StoreUnavailableException> failure) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.reader = Thread.ofPlatform().daemon().name("store-reader").unstarted(() -> fetch(c, ps, rs, failure));
    }

    static Stream<StoredEvent> of(Connection c, PreparedStatement ps, ResultSet rs,
                                  Function<SQLException, StoreUnavailableException> failure) {
        RowStream rows = new RowStream(c, ps, rs, failure);
        rows.reader.start();
        return StreamSupport.stream(rows, false).onClose(rows::cancel);
    }

    private void fetch(Connection c, PreparedStatement ps, ResultSet rs,
                       Function<SQLException, StoreUnavailableException> failure) {
        try {
            while (!cancelled) {
                List<Row> chunk = new ArrayList<>(CHUNK);
                while (chunk.size() < CHUNK && rs.next()) {
                    chunk.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
                }
                if (!chunk.isEmpty()) {
                    chunks.put(chunk);
                }
                if (chunk.size() < CHUNK) {
                    chunks.put(END);
                    return;
                }
            }
        } catch (SQLException e) {
            chunks.clear();
            chunks.offer(failure.apply(e));
        } catch (InterruptedException e) {
            // cancelled: the consumer closed the stream
        } finally {
            JdbcEventLog.closeQuietly(rs);
            JdbcEventLog.closeQuietly(ps);
            JdbcEventLog.closeQuietly(c);
        }
    }

    @Override
    public boolean tryAdvance(Consumer<? super StoredEvent> action) {
        while (!current.hasNext()) {
            if (done) {
                return false;
            }
            Object next = take();
            if (next == END) {
                done = true;
                return false;
            }
            if (next instanceof StoreUnavailableException e) {
                done = true;
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Row> chunk = (List<Row>) next;
            current = chunk.iterator();
        }
        Row r = current.next();
        action.accept(new StoredEvent(r.seq, r.topic, r.key, codec.decode(r.tag, r.payload)));
        return true;
    }

    private Object take() {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        }
    }

    private void cancel() {
        cancelled = true;
        reader.interrupt();
    }
}
