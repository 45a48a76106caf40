-- Per incident, host and rule: counts and first/last detection, kept up to date by each import so that the
-- Findings tab's host table, figures and filter lists do not scan millions of findings.
CREATE TABLE finding_summary (
    incident_id  BIGINT NOT NULL REFERENCES incidents(id),
    computer     TEXT NOT NULL,
    rule_title   TEXT NOT NULL,
    rule_id      TEXT NOT NULL,
    level        SMALLINT NOT NULL,
    tactics      TEXT NOT NULL,
    rule_author  TEXT NOT NULL,
    row_count    BIGINT NOT NULL,
    first_us     BIGINT NOT NULL,
    last_us      BIGINT NOT NULL,
    PRIMARY KEY (incident_id, computer, rule_title, rule_id, level, tactics)
);
