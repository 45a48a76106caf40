-- Searching the journal, faster (bench/Vigie.JournalSearch.Bench): a time range ("between 03:00 and 04:00") finds its
-- entries by index instead of walking the whole journal backwards (60 ms for the first hour of 100,000 entries).
-- The full text needs nothing more on SQLite (FTS5, 5601). PostgreSQL's 5602 also stores the search vector.

CREATE INDEX journal_entries_occurred ON journal_entries (incident_id, occurred_at_us);
