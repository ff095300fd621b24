-- Which certificate user holds a TAK device uid (the first that spoke for it), kept across restarts
-- so that no other certificate may take it. Times are ISO-8601 instants (UTC).
CREATE TABLE uid_holdings (
    uid    TEXT NOT NULL PRIMARY KEY,
    holder TEXT NOT NULL,
    since  TEXT NOT NULL
);
