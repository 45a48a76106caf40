-- Command post core: accounts, audit, incidents, the journal, the crisis cell, actions, situation points.
-- Instants are BIGINT microseconds since the Unix epoch (UTC), the same on SQLite and PostgreSQL.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    created_at_us   BIGINT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until_us BIGINT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    token_hash    TEXT NOT NULL UNIQUE,
    created_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT NULL
);

CREATE TABLE setup_tokens (
    token_hash    TEXT PRIMARY KEY,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at_us   BIGINT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NULL,
    detail  TEXT NULL,
    address TEXT NULL
);

CREATE TABLE incidents (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    detected_at_us BIGINT NOT NULL,
    declared_at_us BIGINT NOT NULL,
    phase          TEXT NOT NULL,
    severity       TEXT NOT NULL,
    site           TEXT NULL,
    created_by     TEXT NOT NULL,
    journal_count  BIGINT NOT NULL DEFAULT 0,
    journal_head   TEXT NOT NULL
);

CREATE TABLE journal_entries (
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    seq            BIGINT NOT NULL,
    occurred_at_us BIGINT NOT NULL,
    recorded_at_us BIGINT NOT NULL,
    author         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    text           TEXT NOT NULL,
    corrects_seq   BIGINT NULL,
    link_type      TEXT NULL,
    link_id        TEXT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    PRIMARY KEY (incident_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;

CREATE TABLE crisis_roles (
    key      TEXT PRIMARY KEY,
    label    TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort     INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

INSERT INTO crisis_roles (key, label, label_en, sort) VALUES
    ('directeur_crise', 'Directeur de crise', 'Crisis director', 10),
    ('main_courante', 'Main courante / secrétariat', 'Log keeper / secretariat', 20),
    ('rssi', 'RSSI', 'Security officer (CISO)', 30),
    ('dsi', 'DSI', 'IT director', 40),
    ('directeur_soins', 'Directeur des soins', 'Director of care', 50),
    ('medecin_urgences', 'Médecin référent urgences', 'Emergency lead physician', 60),
    ('communication', 'Communication', 'Communication', 70),
    ('logistique', 'Logistique', 'Logistics', 80);

CREATE TABLE role_assignments (
    id             INTEGER PRIMARY KEY,
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    role_key       TEXT NOT NULL REFERENCES crisis_roles (key),
    person         TEXT NOT NULL,
    assigned_at_us BIGINT NOT NULL,
    assigned_by    TEXT NOT NULL,
    journal_seq    BIGINT NOT NULL
);
CREATE INDEX role_assignments_incident ON role_assignments (incident_id, role_key, id);

CREATE TABLE directory_entries (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    function      TEXT NOT NULL,
    organisation  TEXT NULL,
    phone         TEXT NOT NULL,
    phone_alt     TEXT NULL,
    on_call       TEXT NULL,
    notes         TEXT NULL,
    updated_at_us BIGINT NOT NULL
);

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    title         TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due_at_us     BIGINT NULL,
    status        TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at_us BIGINT NOT NULL
);
CREATE INDEX actions_incident ON actions (incident_id, status);

CREATE TABLE situation_points (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    number        INTEGER NOT NULL,
    created_at_us BIGINT NOT NULL,
    author        TEXT NOT NULL,
    journal_seq   BIGINT NOT NULL,
    snapshot      TEXT NOT NULL,
    UNIQUE (incident_id, number)
);
