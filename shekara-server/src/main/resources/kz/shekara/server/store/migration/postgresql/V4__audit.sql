-- The audit trail: one row per act (login, state-changing request, certificate, release, crisis, account
-- change), appended by AuditTrail and never updated. seq: 1, 2, 3, ... with no gaps. time_ns: wall-clock
-- time of the act, nanoseconds since 1970-01-01T00:00Z. hash: SHA-256 (64 lower-case hex digits) over the
-- canonical form of the other columns (docs/audit.md); prev_hash: the previous row's hash, 64 zeros for seq 1.
CREATE TABLE audit_log (
    seq       BIGINT  PRIMARY KEY,
    time_ns   BIGINT  NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    address   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (time_ns);

-- The chain's head: the seq and hash of the last row appended, updated in the same transaction as the
-- append. Catches removed last rows and rows added after the head. Exactly one row (id = 1).
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
