-- 0003: keep the bulky per-event text (the extracted event JSON and the
-- sentence) out of the `events` rows, so that filters, counts and scans read
-- small rows; the body is read only for the events returned.
CREATE TABLE event_bodies (
    seq           INTEGER PRIMARY KEY REFERENCES events(seq) ON DELETE CASCADE,
    event_json    TEXT NOT NULL,               -- the event exactly as extracted
    sentence_text TEXT NOT NULL DEFAULT ''     -- the sentence (notes in exports)
);
INSERT INTO event_bodies (seq, event_json, sentence_text)
    SELECT seq, event_json, sentence_text FROM events;
-- The old columns stay (SQLite cannot drop them safely here) but hold ''.
UPDATE events SET event_json = '', sentence_text = '';
