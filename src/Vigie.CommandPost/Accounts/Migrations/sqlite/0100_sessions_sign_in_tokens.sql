-- Accounts under attack (issue 13, items 4, 8 and 16): server-side sessions that end at once, sign-in back-off per
-- address, per account and per (account, address), and API tokens with a name and an expiry.

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT NULL,
    address       TEXT NULL
);
CREATE INDEX sessions_user ON sessions (user_id, revoked_at_us);

-- scope 'pair' (subject "name|address"), 'account' (subject "name") or 'address' (subject "address"); names lower case.
CREATE TABLE sign_in_failures (
    scope              TEXT NOT NULL,
    subject            TEXT NOT NULL,
    failures           INTEGER NOT NULL DEFAULT 0,
    last_failure_at_us BIGINT NULL,
    blocked_until_us   BIGINT NULL,
    last_success_at_us BIGINT NULL,
    PRIMARY KEY (scope, subject)
);

ALTER TABLE api_tokens ADD COLUMN name TEXT NULL;
ALTER TABLE api_tokens ADD COLUMN expires_at_us BIGINT NULL;
ALTER TABLE api_tokens ADD COLUMN last_used_at_us BIGINT NULL;
-- Tokens made before expiry existed get the default lifetime from now: clients keep working, and stop in 30 days.
UPDATE api_tokens SET expires_at_us = CAST(strftime('%s', 'now') AS INTEGER) * 1000000 + 2592000000000 WHERE expires_at_us IS NULL;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
