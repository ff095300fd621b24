-- Accounts of the web map and API, and machine tokens. Times are ISO-8601 instants (UTC).
-- A password is kept only as its Argon2id hash (PHC string); a token only as the SHA-256 of its secret.
CREATE TABLE accounts (
    username      TEXT    NOT NULL PRIMARY KEY,
    role          TEXT    NOT NULL,
    agency        TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created       TEXT    NOT NULL
);

CREATE TABLE tokens (
    name         TEXT NOT NULL PRIMARY KEY,
    agency       TEXT NOT NULL,
    scope        TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created      TEXT NOT NULL,
    revoked      TEXT
);
