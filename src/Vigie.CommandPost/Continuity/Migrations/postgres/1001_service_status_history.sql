-- Every change written to the services board, in order: the post-incident report's services downtime table and the
-- emergency department's closure and reopening times come from here (service_states keeps only the current status).
CREATE TABLE service_status_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id BIGINT NOT NULL REFERENCES incidents (id),
    service_id  BIGINT NOT NULL REFERENCES services (id),
    status      TEXT NOT NULL,
    reason      TEXT NULL,
    at_us       BIGINT NOT NULL,
    author      TEXT NOT NULL,
    journal_seq BIGINT NOT NULL
);
CREATE INDEX service_status_history_incident ON service_status_history (incident_id, service_id, at_us, id);

-- Boards written before this table existed: their current status is the only history known.
INSERT INTO service_status_history (incident_id, service_id, status, reason, at_us, author, journal_seq)
SELECT incident_id, service_id, status, reason, since_at_us, updated_by, journal_seq FROM service_states;
