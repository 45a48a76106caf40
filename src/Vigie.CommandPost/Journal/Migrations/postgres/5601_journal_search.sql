-- Searching the journal (issue 16): full text, accents and case ignored, on the entries' text.
-- No extension: unaccent is not always installable (it needs CREATE on the database, and a managed server may refuse
-- it) and its function is only STABLE, so it cannot sit in an index expression. Vigie folds accents itself with an
-- IMMUTABLE function (lower + translate, both immutable and built in) and uses the 'simple' configuration: no
-- stemming, no stop words, so PostgreSQL finds exactly what SQLite's FTS5 (unicode61, remove_diacritics) finds.
-- A GIN expression index: journal_entries stays as it is (append-only), nothing to keep in step by hand.

CREATE FUNCTION vigie_search_fold(value TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT replace(replace(replace(replace(replace(
        translate(lower(value),
            'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŸ',
            'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyy'),
        'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss')
$$;

CREATE INDEX journal_entries_search ON journal_entries
USING gin (to_tsvector('simple'::regconfig, vigie_search_fold(text)));
