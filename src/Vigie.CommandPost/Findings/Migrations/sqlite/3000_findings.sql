-- Hunt results in an incident (findings). Times in microseconds since the epoch, UTC.
CREATE TABLE findings (
    id              INTEGER PRIMARY KEY,
    incident_id     BIGINT NOT NULL REFERENCES incidents(id),
    run_id          TEXT NOT NULL,
    detected_at_us  BIGINT NOT NULL,
    computer        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    event_id        INTEGER NULL,
    record_id       BIGINT NULL,
    rule_title      TEXT NOT NULL,
    rule_id         TEXT NOT NULL,
    level           SMALLINT NOT NULL,
    tactics         TEXT NOT NULL,
    techniques      TEXT NOT NULL,
    rule_author     TEXT NOT NULL,
    details         TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    is_correlation  SMALLINT NOT NULL,
    imported_at_us  BIGINT NOT NULL,
    pinned_seq      BIGINT NULL
);
CREATE INDEX findings_by_time  ON findings (incident_id, detected_at_us, id);
CREATE INDEX findings_by_host  ON findings (incident_id, computer, detected_at_us, id);
CREATE INDEX findings_by_level ON findings (incident_id, level, detected_at_us, id);
CREATE INDEX findings_by_rule  ON findings (incident_id, rule_title, detected_at_us, id);

-- One row per imported batch: a retried batch (same run, same number) is not imported twice.
CREATE TABLE finding_batches (
    incident_id     BIGINT NOT NULL REFERENCES incidents(id),
    run_id          TEXT NOT NULL,
    batch           INTEGER NOT NULL,
    row_count       INTEGER NOT NULL,
    imported_at_us  BIGINT NOT NULL,
    imported_by     TEXT NOT NULL,
    PRIMARY KEY (incident_id, run_id, batch)
);
