package kz.shekara.server.alertdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseTimes;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Theatre;

/**
 * Every incident's response times ({@link ResponseTimes}) as a view of the event log: fed the
 * logged track updates, alerts and incident events in log order, rebuilt at start and snapshotted
 * with the other views. Reads are thread-safe (one lock around the fold); O(1) per event applied.
 */
public final class ResponseTimesView implements LogView {
    /** Tracks idle this long (event time) are forgotten: alerts come while their track is live. */
    public static final Duration TRACK_MEMORY = Duration.ofHours(6);
    private final ResponseTimes times;

    public ResponseTimesView(Theatre theatre) {
        this.times = new ResponseTimes(theatre, TRACK_MEMORY);
    }

    @Override
    public String name() {
        return "response-times-v1";
    }

    @Override
    public void apply(StoredEvent event) {
        synchronized (times) {
            times.apply(event.event());
        }
    }

    /** Every incident's record, in the order they opened (a copy). */
    public List<ResponseRecord> records() {
        synchronized (times) {
            return times.records();
        }
    }

    @Override
    public byte[] snapshot() {
        ResponseTimes.State s;
        synchronized (times) {
            s = times.state();
        }
        try {
            return EventCodec.standard().mapper().writeValueAsBytes(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        try {
            ResponseTimes.State s = EventCodec.standard().mapper().readValue(state, ResponseTimes.State.class);
            synchronized (times) {
                times.restore(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable response-times snapshot", e);
        }
    }
}
