-- The remediation plan: corrective measures born of an incident (CaRE domain, owner, due date, status), followed
-- for months after the crisis is closed. Every change is journaled in the incident's journal.

CREATE TABLE remediation_measures (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id   BIGINT NOT NULL REFERENCES incidents (id),
    title         TEXT NOT NULL,
    category      TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due_at_us     BIGINT NULL,
    status        TEXT NOT NULL,
    notes         TEXT NULL,
    created_at_us BIGINT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    updated_by    TEXT NOT NULL,
    done_at_us    BIGINT NULL
);
CREATE INDEX remediation_measures_incident ON remediation_measures (incident_id, id);
CREATE INDEX remediation_measures_status ON remediation_measures (status, due_at_us);
