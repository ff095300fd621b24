-- The append-only event log: one row per event, seq assigned by the single writer.
-- time_ns: event time, nanoseconds since 1970-01-01T00:00Z. releasable: agency ids, comma-separated, sorted.
CREATE TABLE event_log (
    seq            BIGINT  PRIMARY KEY,
    time_ns        BIGINT  NOT NULL,
    topic          TEXT    NOT NULL,
    event_key      TEXT,
    entity         TEXT,
    type           TEXT    NOT NULL,
    classification TEXT    NOT NULL,
    originator     TEXT    NOT NULL,
    releasable     TEXT    NOT NULL,
    exercise       BOOLEAN NOT NULL,
    payload        TEXT    NOT NULL
);
CREATE INDEX event_log_time ON event_log (time_ns);
CREATE INDEX event_log_topic_time ON event_log (topic, time_ns);

-- A view's serialized state after applying every event up to seq.
CREATE TABLE view_snapshot (
    view_name TEXT   NOT NULL,
    seq       BIGINT NOT NULL,
    state     BYTEA  NOT NULL,
    PRIMARY KEY (view_name, seq)
);
