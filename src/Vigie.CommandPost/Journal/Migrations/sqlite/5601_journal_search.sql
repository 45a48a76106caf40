-- Searching the journal (issue 16): full text, accents and case ignored, on the entries' text.
-- FTS5 with unicode61 and remove_diacritics 2: "evacuation" finds "évacuation". journal_entries has no rowid (its key
-- is incident and seq), so an external-content table could not read it back; entries are never updated nor deleted,
-- so a contentless table (content='') kept in step by an AFTER INSERT trigger is the same thing: every writer (the
-- journal, any feature's unit of work, a command-line tool) indexes what it appends, in the same transaction.
-- The FTS rowid is (incident_id << 32) + seq. Results are listed newest first, not ranked: no column sizes kept;
-- terms are matched as prefixes (no phrases): no positions kept (detail=none).

CREATE VIRTUAL TABLE journal_search USING fts5 (
    text,
    content = '',
    columnsize = 0,
    detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER journal_entries_search AFTER INSERT ON journal_entries
BEGIN
    INSERT INTO journal_search (rowid, text) VALUES ((NEW.incident_id << 32) + NEW.seq, NEW.text);
END;

INSERT INTO journal_search (rowid, text) SELECT (incident_id << 32) + seq, text FROM journal_entries;
