-- 0002: one lookup row per (actor key, event) so that `--actor X` walks an
-- index in event order (canonical name, name as written and parent force,
-- all case-insensitive). Filled by the store on every write of an event.
CREATE TABLE actor_keys (
    key       TEXT NOT NULL COLLATE NOCASE,
    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    PRIMARY KEY (key, event_seq)
) WITHOUT ROWID;
CREATE INDEX actor_keys_event ON actor_keys(event_seq);

INSERT OR IGNORE INTO actor_keys (key, event_seq)
    SELECT canonical, event_seq FROM actors
    UNION SELECT name, event_seq FROM actors
    UNION SELECT parent, event_seq FROM actors WHERE parent IS NOT NULL;

-- Place filters walk (name, seq) in event order too.
CREATE INDEX events_place_seq ON events(place_name COLLATE NOCASE, seq);
CREATE INDEX events_township_seq ON events(township COLLATE NOCASE, seq);
DROP INDEX events_place;
DROP INDEX events_township;
