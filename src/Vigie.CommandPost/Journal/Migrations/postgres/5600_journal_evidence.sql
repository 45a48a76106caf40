-- Evidence in the journal (issue 16): files attached to entries, stored by their SHA-256.
-- PostgreSQL keeps the bytes in the database (evidence_files.content): every web node of a territory's server sees
-- them, and pg_dump, replication and failover carry them with the journal that proves them. An entry's attachments are
-- chained: the entry's canonical form carries each file's hash, name, type and size (see JournalChain), so
-- journal_attachments is append-only like the journal.

CREATE TABLE evidence_files (
    sha256        TEXT PRIMARY KEY,
    size_bytes    BIGINT NOT NULL,
    content_type  TEXT NOT NULL,
    stored_at_us  BIGINT NOT NULL,
    content       BYTEA NOT NULL
);
-- Photos and PDFs are already compressed: store them out of line without trying to compress them again.
ALTER TABLE evidence_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- What a file is never changes (its hash names it); only the time it was last stored does (orphan sweep).
CREATE FUNCTION evidence_files_content_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.size_bytes IS DISTINCT FROM OLD.size_bytes
       OR NEW.content_type IS DISTINCT FROM OLD.content_type OR NEW.content IS DISTINCT FROM OLD.content THEN
        RAISE EXCEPTION 'evidence files are content-addressed and never change';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_files_no_change BEFORE UPDATE ON evidence_files
FOR EACH ROW EXECUTE FUNCTION evidence_files_content_fixed();

CREATE TABLE journal_attachments (
    incident_id   BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    position      INTEGER NOT NULL,
    sha256        TEXT NOT NULL REFERENCES evidence_files (sha256),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, seq, position),
    FOREIGN KEY (incident_id, seq) REFERENCES journal_entries (incident_id, seq)
);
CREATE INDEX journal_attachments_sha256 ON journal_attachments (sha256);

CREATE FUNCTION journal_attachments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal attachments are append-only';
END;
$$;

CREATE TRIGGER journal_attachments_no_change BEFORE UPDATE OR DELETE ON journal_attachments
FOR EACH ROW EXECUTE FUNCTION journal_attachments_append_only();
