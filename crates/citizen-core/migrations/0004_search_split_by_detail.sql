-- Sync speed (docs/benchmarks.md): one index with word positions for every column spent most of a
-- full sync writing the positions of the required documents' words, which no query reads. The
-- index is split by what its queries need:
--
-- * `procedure_names`: the names, with positions, for "starts with" (^) and phrase queries.
-- * `procedure_words`: every searchable word of the procedure (names, agency, documents, field)
--   in one column, `detail=none`: only which rows hold a word, which is all the "every word
--   anywhere" tier asks. No prefix indexes: they tripled what this index writes; that tier asks
--   for whole words (search::tier_queries).
--
-- Both use the row key of 0002 (name length << 32 | rowid). The catalogue is refetched, as in 0002:
-- the local catalogue is a cache of the server's.
DROP TABLE procedure_search;
DELETE FROM procedures;
DELETE FROM sync_state WHERE scope = 'catalog';

CREATE VIRTUAL TABLE procedure_names USING fts5(
    name_vi, name_en,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2',
    content = '',
    contentless_delete = 1
);

CREATE VIRTUAL TABLE procedure_words USING fts5(
    words,
    tokenize = 'unicode61 remove_diacritics 0',
    detail = none,
    content = '',
    contentless_delete = 1
);

-- A sync writes thousands of rows per page: let pending terms collect in memory longer (8 MB) and
-- merge index segments less eagerly.
INSERT INTO procedure_names (procedure_names, rank) VALUES ('hashsize', 8388608);
INSERT INTO procedure_names (procedure_names, rank) VALUES ('automerge', 8);
INSERT INTO procedure_words (procedure_words, rank) VALUES ('hashsize', 8388608);
INSERT INTO procedure_words (procedure_words, rank) VALUES ('automerge', 8);
