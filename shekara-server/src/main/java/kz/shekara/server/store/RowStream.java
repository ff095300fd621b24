package kz.shekara.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily fetched, ordered stream of stored events over an open result set
 * ({@code seq, topic, event_key, type, payload}); closing the stream closes the result set, the
 * statement and the connection. Not thread-safe: one consumer.
 */
final class RowStream extends Spliterators.AbstractSpliterator<StoredEvent> {
    private final ResultSet rs;
    private final Function<SQLException, StoreUnavailableException> failure;
    private final EventCodec codec = EventCodec.standard();

    private RowStream(ResultSet rs, Function<SQLException, StoreUnavailableException> failure) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.rs = rs;
        this.failure = failure;
    }

    static Stream<StoredEvent> of(Connection c, PreparedStatement ps, ResultSet rs,
                                  Function<SQLException, StoreUnavailableException> failure) {
        return StreamSupport.stream(new RowStream(rs, failure), false).onClose(() -> {
            JdbcEventLog.closeQuietly(rs);
            JdbcEventLog.closeQuietly(ps);
            JdbcEventLog.closeQuietly(c);
        });
    }

    @Override
    public boolean tryAdvance(Consumer<? super StoredEvent> action) {
        try {
            if (!rs.next()) {
                return false;
            }
            long seq = rs.getLong(1);
            String topic = rs.getString(2);
            String key = rs.getString(3);
            String tag = rs.getString(4);
            String payload = rs.getString(5);
            action.accept(new StoredEvent(seq, topic, key, codec.decode(tag, payload)));
            return true;
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }
}
