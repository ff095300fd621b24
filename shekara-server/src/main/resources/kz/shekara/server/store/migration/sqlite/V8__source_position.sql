-- How far the event store has stored each partition of a source it consumes (the Kafka topics): the offset
-- of the next record to store. Written in the transaction that stores the records, so that a record is
-- stored once whatever restarts or rebalances happen (see docs/kafka.md, The event store).
CREATE TABLE source_position (
    source      TEXT    NOT NULL,
    topic       TEXT    NOT NULL,
    part        INTEGER NOT NULL,
    next_offset BIGINT  NOT NULL,
    PRIMARY KEY (source, topic, part)
);
