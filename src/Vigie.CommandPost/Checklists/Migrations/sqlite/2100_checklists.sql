-- Reflex checklists applied to an incident. Items are copied from the template when it is applied, so a later
-- edit of the template never changes a checklist in use; each check is journaled (journal_seq).

CREATE TABLE checklists (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    template_id   TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    applied_at_us BIGINT NOT NULL,
    applied_by    TEXT NOT NULL,
    journal_seq   BIGINT NOT NULL,
    UNIQUE (incident_id, template_id)
);

CREATE TABLE checklist_items (
    id            INTEGER PRIMARY KEY,
    checklist_id  INTEGER NOT NULL REFERENCES checklists (id),
    position      INTEGER NOT NULL,
    item_key      TEXT NOT NULL,
    section       TEXT NULL,
    section_en    TEXT NULL,
    text          TEXT NOT NULL,
    text_en       TEXT NOT NULL,
    hint          TEXT NULL,
    hint_en       TEXT NULL,
    checked_at_us BIGINT NULL,
    checked_by    TEXT NULL,
    note          TEXT NULL,
    journal_seq   BIGINT NULL,
    UNIQUE (checklist_id, position)
);
