-- Evidence in the journal (issue 16): files attached to entries, stored by their SHA-256.
-- SQLite keeps the bytes as files in the folder "evidence" beside the database file (evidence/ab/abcdef...); this table
-- holds what Vigie knows of each stored file. An entry's attachments are chained: the entry's canonical form carries
-- each file's hash, name, type and size (see JournalChain), so journal_attachments is append-only like the journal.

CREATE TABLE evidence_files (
    sha256        TEXT PRIMARY KEY,
    size_bytes    BIGINT NOT NULL,
    content_type  TEXT NOT NULL,
    stored_at_us  BIGINT NOT NULL
) WITHOUT ROWID;

-- What a file is never changes (its hash names it); only the time it was last stored does (orphan sweep).
CREATE TRIGGER evidence_files_no_change BEFORE UPDATE OF sha256, size_bytes, content_type ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are content-addressed and never change'); END;

CREATE TABLE journal_attachments (
    incident_id   INTEGER NOT NULL,
    seq           BIGINT NOT NULL,
    position      INTEGER NOT NULL,
    sha256        TEXT NOT NULL REFERENCES evidence_files (sha256),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, seq, position),
    FOREIGN KEY (incident_id, seq) REFERENCES journal_entries (incident_id, seq)
) WITHOUT ROWID;
CREATE INDEX journal_attachments_sha256 ON journal_attachments (sha256);

CREATE TRIGGER journal_attachments_no_update BEFORE UPDATE ON journal_attachments
BEGIN SELECT RAISE(ABORT, 'journal attachments are append-only'); END;

CREATE TRIGGER journal_attachments_no_delete BEFORE DELETE ON journal_attachments
BEGIN SELECT RAISE(ABORT, 'journal attachments are append-only'); END;
