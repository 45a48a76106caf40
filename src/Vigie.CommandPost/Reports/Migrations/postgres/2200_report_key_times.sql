-- Key times of the post-incident report (RETEX) set by the crisis cell; they take precedence over the times
-- Vigie deduces from the journal and from other features. Each setting is journaled.

CREATE TABLE report_key_times (
    incident_id BIGINT NOT NULL REFERENCES incidents (id),
    key         TEXT NOT NULL,
    at_us       BIGINT NOT NULL,
    set_at_us   BIGINT NOT NULL,
    set_by      TEXT NOT NULL,
    journal_seq BIGINT NOT NULL,
    PRIMARY KEY (incident_id, key)
);
