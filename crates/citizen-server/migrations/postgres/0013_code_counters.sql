-- The last number given under each code prefix (`PA-261124-`, `H57.HT-261124-`): the next
-- dossier or report code of the day is this plus one. Counting the day's codes instead read an
-- index range that grew with every code, under the write lock. A prefix without a row yet counts
-- the codes it already has once (db::next_number), so databases from before this start right.
CREATE TABLE code_counters (
    prefix  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    taken   BIGINT NOT NULL
);
