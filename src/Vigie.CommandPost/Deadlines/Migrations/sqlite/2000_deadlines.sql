-- Legal deadlines per incident: answers to the applicability questions, manual start events, notifications
-- sent, drafts (every saved version kept), and the reminders already written to the journal.
-- The rules themselves are data (deadlines.yaml), referenced here by id.

CREATE TABLE deadline_answers (
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    question_id    TEXT NOT NULL,
    answer         TEXT NOT NULL,
    answered_at_us BIGINT NOT NULL,
    answered_by    TEXT NOT NULL,
    journal_seq    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, question_id)
);

CREATE TABLE deadline_events (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    event_id    TEXT NOT NULL,
    at_us       BIGINT NOT NULL,
    set_at_us   BIGINT NOT NULL,
    set_by      TEXT NOT NULL,
    journal_seq BIGINT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);

CREATE TABLE deadline_notifications (
    incident_id    INTEGER NOT NULL REFERENCES incidents (id),
    deadline_id    TEXT NOT NULL,
    deadline_name  TEXT NOT NULL,
    authority      TEXT NOT NULL,
    sent_at_us     BIGINT NOT NULL,
    sent_by        TEXT NOT NULL,
    reference      TEXT NOT NULL,
    due_at_us      BIGINT NULL,
    recorded_at_us BIGINT NOT NULL,
    draft_version  INTEGER NULL,
    journal_seq    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, deadline_id)
);

CREATE TABLE deadline_drafts (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    deadline_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    saved_at_us BIGINT NOT NULL,
    saved_by    TEXT NOT NULL,
    final       INTEGER NOT NULL DEFAULT 0,
    journal_seq BIGINT NULL,
    UNIQUE (incident_id, deadline_id, version)
);

CREATE TABLE deadline_reminders (
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    deadline_id   TEXT NOT NULL,
    reminder      TEXT NOT NULL,
    due_at_us     BIGINT NOT NULL,
    emitted_at_us BIGINT NOT NULL,
    journal_seq   BIGINT NOT NULL,
    PRIMARY KEY (incident_id, deadline_id, reminder, due_at_us)
);
