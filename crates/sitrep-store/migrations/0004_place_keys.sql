-- 0004: one lookup row per (place key, event) so that `--place P` walks an
-- index in event order and stops after the page, like `actor_keys` (0002).
-- The keys of an event are its effective (reviewed) place name and township,
-- case-insensitive; an event whose name and township are the same (ignoring
-- case) has one row. Filled by the store on every write of an event
-- (insert, review, reextract). Before this table, the filter was
-- `place_name = ? OR township = ?`, which SQLite answers by collecting every
-- match through two indexes and sorting them.
CREATE TABLE place_keys (
    key       TEXT NOT NULL COLLATE NOCASE,
    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    PRIMARY KEY (key, event_seq)
) WITHOUT ROWID;
CREATE INDEX place_keys_event ON place_keys(event_seq);

INSERT OR IGNORE INTO place_keys (key, event_seq)
    SELECT place_name, seq FROM events WHERE place_name IS NOT NULL AND place_name != ''
    UNION ALL
    SELECT township, seq FROM events WHERE township IS NOT NULL AND township != '';
