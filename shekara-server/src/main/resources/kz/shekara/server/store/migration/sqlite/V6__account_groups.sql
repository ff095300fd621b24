-- Named groups an account belongs to beyond its agency: a TAK device of the account routes in its
-- agency and in each of these.
CREATE TABLE account_groups (
    username   TEXT NOT NULL,
    group_name TEXT NOT NULL,
    PRIMARY KEY (username, group_name)
);
