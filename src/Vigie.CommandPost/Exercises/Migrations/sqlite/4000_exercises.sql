-- Crisis exercises (issue 17): the exercise flag of incidents, scenarios played in the command post, evaluation.
-- Instants are BIGINT microseconds since the Unix epoch (UTC); exercise times ("H+") are BIGINT microseconds since DEBEX.

-- An incident is real or an exercise from its creation. exercise_marked_from is the first journal seq whose canonical
-- form carries the EXERCICE mark (1 for an incident created as an exercise).
ALTER TABLE incidents ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN exercise_marked_from BIGINT NULL;

-- Before the flag, an exercise was an incident whose title said EXERCICE (in capitals). Such incidents become exercises;
-- their existing entries keep the form they were hashed with, the next ones carry the mark.
UPDATE incidents SET exercise = 1, exercise_marked_from = journal_count + 1 WHERE instr(title, 'EXERCICE') > 0;

CREATE TABLE exercises (
    incident_id       INTEGER PRIMARY KEY REFERENCES incidents (id),
    scenario_title    TEXT NOT NULL,
    level             TEXT NOT NULL,
    setting           TEXT NULL,
    summary           TEXT NULL,
    start_clock       TEXT NULL,
    duration_us       BIGINT NOT NULL,
    source_name       TEXT NOT NULL,
    source_format     TEXT NOT NULL,
    starting_state    TEXT NULL,
    status            TEXT NOT NULL,
    speed             INTEGER NOT NULL DEFAULT 1,
    anchor_at_us      BIGINT NULL,
    anchor_elapsed_us BIGINT NOT NULL DEFAULT 0,
    started_at_us     BIGINT NULL,
    finished_at_us    BIGINT NULL,
    created_at_us     BIGINT NOT NULL,
    created_by        TEXT NOT NULL
);
CREATE INDEX exercises_status ON exercises (status);

CREATE TABLE exercise_objectives (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    key         TEXT NOT NULL,
    text        TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    UNIQUE (incident_id, key)
);

CREATE TABLE exercise_stimuli (
    id                INTEGER PRIMARY KEY,
    incident_id       INTEGER NOT NULL REFERENCES incidents (id),
    number            TEXT NOT NULL,
    sort              INTEGER NOT NULL,
    offset_us         BIGINT NOT NULL,
    shift_us          BIGINT NOT NULL DEFAULT 0,
    channel           TEXT NOT NULL,
    sender            TEXT NOT NULL,
    recipients        TEXT NOT NULL,
    title             TEXT NULL,
    content           TEXT NOT NULL,
    expected          TEXT NULL,
    deliverable       TEXT NULL,
    notes             TEXT NULL,
    objectives        TEXT NOT NULL DEFAULT '',
    artifact_name     TEXT NULL,
    artifact_format   TEXT NULL,
    artifact          BLOB NULL,
    source_line       INTEGER NOT NULL DEFAULT 0,
    unplanned         INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL,
    played_at_us      BIGINT NULL,
    played_elapsed_us BIGINT NULL,
    journal_seq       BIGINT NULL,
    findings          BIGINT NULL,
    hunt_note         TEXT NULL,
    changed_by        TEXT NULL,
    UNIQUE (incident_id, number)
);
CREATE INDEX exercise_stimuli_incident ON exercise_stimuli (incident_id, sort);

CREATE TABLE exercise_expectations (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id),
    key             TEXT NOT NULL,
    objective_key   TEXT NULL,
    stimulus_number TEXT NULL,
    text            TEXT NOT NULL,
    sort            INTEGER NOT NULL,
    UNIQUE (incident_id, key)
);

CREATE TABLE exercise_clock (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    at_us       BIGINT NOT NULL,
    elapsed_us  BIGINT NOT NULL,
    speed       INTEGER NOT NULL,
    running     INTEGER NOT NULL,
    event       TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX exercise_clock_incident ON exercise_clock (incident_id, at_us, id);

CREATE TABLE exercise_participants (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    user_name   TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    UNIQUE (incident_id, user_name, recipient)
);

CREATE TABLE exercise_responses (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    stimulus_id INTEGER NOT NULL REFERENCES exercise_stimuli (id),
    kind        TEXT NOT NULL,
    ref_id      BIGINT NOT NULL,
    author      TEXT NOT NULL,
    at_us       BIGINT NOT NULL,
    UNIQUE (stimulus_id, kind, ref_id)
);
CREATE INDEX exercise_responses_incident ON exercise_responses (incident_id, stimulus_id);

CREATE TABLE exercise_receipts (
    stimulus_id INTEGER NOT NULL REFERENCES exercise_stimuli (id),
    user_name   TEXT NOT NULL,
    read_at_us  BIGINT NOT NULL,
    PRIMARY KEY (stimulus_id, user_name)
);

CREATE TABLE exercise_observations (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id),
    objective_key   TEXT NULL,
    expectation_key TEXT NULL,
    observed        TEXT NOT NULL,
    observed_at_us  BIGINT NULL,
    role            TEXT NULL,
    rating          TEXT NOT NULL,
    evidence_seq    BIGINT NULL,
    comment         TEXT NULL,
    observer        TEXT NOT NULL,
    recorded_at_us  BIGINT NOT NULL
);
CREATE INDEX exercise_observations_incident ON exercise_observations (incident_id, id);

CREATE TABLE exercise_debrief (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    function    TEXT NOT NULL,
    went_well   TEXT NULL,
    to_improve  TEXT NULL,
    author      TEXT NOT NULL,
    at_us       BIGINT NOT NULL
);

CREATE TABLE exercise_action_items (
    id               INTEGER PRIMARY KEY,
    incident_id      INTEGER NOT NULL REFERENCES incidents (id),
    title            TEXT NOT NULL,
    category         TEXT NOT NULL,
    owner            TEXT NOT NULL,
    due_at_us        BIGINT NULL,
    created_by       TEXT NOT NULL,
    created_at_us    BIGINT NOT NULL,
    sent_incident_id BIGINT NULL,
    sent_measure_id  BIGINT NULL,
    sent_at_us       BIGINT NULL,
    sent_by          TEXT NULL
);

-- A file being imported through the pages' mapping step (kept until imported or replaced; at most a day).
CREATE TABLE exercise_drafts (
    id            TEXT PRIMARY KEY,
    file_name     TEXT NOT NULL,
    content       BLOB NOT NULL,
    created_by    TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);
