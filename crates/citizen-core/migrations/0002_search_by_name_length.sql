-- Search that stays fast on a large catalogue (docs/benchmarks.md). Ranking by bm25 scored every
-- match, so a broad word ("cấp") over 20,000 procedures cost ~50 ms. Instead each row's key in the
-- index orders it by the length of its Vietnamese name (shorter = closer to what was typed), and
-- search asks the index for tiers of matches in key order, each stopping after one screenful.
--
-- The index keys change, so the index and the catalogue it was built from are dropped and the
-- cursor forgotten: the next sync refetches the catalogue (the local catalogue is a cache of the
-- server's; nothing a resident wrote lives in these tables).
DROP TABLE procedure_search;
DELETE FROM procedures;
DELETE FROM sync_state WHERE scope = 'catalog';

-- (length of the folded Vietnamese name in characters) << 32 | rowid: unique, and in name-length
-- order. Kept here so a row's index entry can be found again when its name changes.
ALTER TABLE procedures ADD COLUMN search_key INTEGER NOT NULL DEFAULT 0;

-- Text is folded before it gets here, so the tokenizer only splits. Names are in columns of their
-- own so that "starts with" (^) can be asked per language; the prefix indexes serve the prefix
-- match of the word being typed (one or two letters expand to the most words). Contentless:
-- search needs only row keys, and storing the text a second time cost sync time.
CREATE VIRTUAL TABLE procedure_search USING fts5(
    name_vi, name_en, agency, documents, field,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2',
    content = '',
    contentless_delete = 1
);

-- A sync writes thousands of rows per page: let pending terms collect in memory longer (8 MB) and
-- merge index segments less eagerly, trading a little query time for much less write time.
INSERT INTO procedure_search (procedure_search, rank) VALUES ('hashsize', 8388608);
INSERT INTO procedure_search (procedure_search, rank) VALUES ('automerge', 8);
