-- Continuity of care: the territory's receiving facilities, the hospital's sites and their services (clinical units
-- and IT systems), the services board of each incident, emergency diversions and patient redirections.
-- Instants are BIGINT microseconds since the Unix epoch (UTC), as in the core.

CREATE TABLE facilities (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finess        TEXT NULL UNIQUE,
    name          TEXT NOT NULL,
    address       TEXT NULL,
    postcode      TEXT NULL,
    city          TEXT NULL,
    latitude      DOUBLE PRECISION NOT NULL,
    longitude     DOUBLE PRECISION NOT NULL,
    approximate   INTEGER NOT NULL DEFAULT 0,
    phone         TEXT NULL,
    ed_phone      TEXT NULL,
    samu_phone    TEXT NULL,
    capabilities  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'inconnu',
    status_note   TEXT NULL,
    status_at_us  BIGINT NULL,
    status_by     TEXT NULL,
    notes         TEXT NULL,
    updated_at_us BIGINT NOT NULL,
    updated_by    TEXT NOT NULL
);
CREATE INDEX facilities_name ON facilities (lower(name));

CREATE TABLE sites (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT NOT NULL,
    address       TEXT NULL,
    latitude      DOUBLE PRECISION NOT NULL,
    longitude     DOUBLE PRECISION NOT NULL,
    facility_id   BIGINT NULL REFERENCES facilities (id),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX sites_name ON sites (lower(name));

CREATE TABLE services (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       BIGINT NOT NULL REFERENCES sites (id),
    category      TEXT NOT NULL,
    code          TEXT NULL,
    name          TEXT NOT NULL,
    emergency     INTEGER NOT NULL DEFAULT 0,
    sort          INTEGER NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX services_site_name ON services (site_id, lower(name));

-- The board of one incident: a row per service whose status was set in that incident (absent: normal).
CREATE TABLE service_states (
    incident_id          BIGINT NOT NULL REFERENCES incidents (id),
    service_id           BIGINT NOT NULL REFERENCES services (id),
    status               TEXT NOT NULL,
    reason               TEXT NULL,
    since_at_us          BIGINT NOT NULL,
    next_review_at_us    BIGINT NULL,
    planned_reopen_at_us BIGINT NULL,
    reminded_for_us      BIGINT NULL,
    updated_at_us        BIGINT NOT NULL,
    updated_by           TEXT NOT NULL,
    journal_seq          BIGINT NOT NULL,
    PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX service_states_review ON service_states (next_review_at_us);

CREATE TABLE diversions (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id         BIGINT NOT NULL REFERENCES incidents (id),
    service_id          BIGINT NOT NULL REFERENCES services (id),
    category            TEXT NOT NULL,
    custom_category     TEXT NULL,
    started_at_us       BIGINT NOT NULL,
    planned_end_at_us   BIGINT NULL,
    review_interval_min INTEGER NOT NULL,
    next_review_at_us   BIGINT NOT NULL,
    reviews             INTEGER NOT NULL DEFAULT 0,
    ended_at_us         BIGINT NULL,
    ended_by            TEXT NULL,
    end_reason          TEXT NULL,
    created_by          TEXT NOT NULL,
    journal_seq         BIGINT NOT NULL
);
CREATE INDEX diversions_incident ON diversions (incident_id, id);
CREATE UNIQUE INDEX diversions_one_active ON diversions (incident_id, service_id) WHERE ended_at_us IS NULL;

-- Patients redirected by the reception desk: minimal identification only (initials, birth year, sex).
CREATE TABLE redirections (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id    BIGINT NOT NULL REFERENCES incidents (id),
    number         INTEGER NOT NULL,
    site_id        BIGINT NOT NULL REFERENCES sites (id),
    arrived_at_us  BIGINT NOT NULL,
    recorded_at_us BIGINT NOT NULL,
    initials       TEXT NOT NULL,
    birth_year     INTEGER NOT NULL,
    sex            TEXT NOT NULL,
    reason         TEXT NOT NULL,
    triage         INTEGER NOT NULL CHECK (triage BETWEEN 1 AND 5),
    ambulatory     INTEGER NOT NULL,
    need           TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    facility_id    BIGINT NULL REFERENCES facilities (id),
    dest_name      TEXT NULL,
    dest_finess    TEXT NULL,
    dest_address   TEXT NULL,
    dest_phone     TEXT NULL,
    distance_km    DOUBLE PRECISION NULL,
    drive_minutes  INTEGER NULL,
    transport      TEXT NULL,
    created_by     TEXT NOT NULL,
    journal_seq    BIGINT NOT NULL,
    UNIQUE (incident_id, number)
);
CREATE INDEX redirections_arrived ON redirections (incident_id, arrived_at_us);
