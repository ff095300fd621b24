-- A machine token may belong to an account: while that account is disabled the token is refused.
ALTER TABLE tokens ADD COLUMN account TEXT;
