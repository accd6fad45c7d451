-- 0001: documents, events and their parts, review state.
-- See docs/store.md ("Schema") for what each column means.

CREATE TABLE documents (
    doc_id            TEXT PRIMARY KEY,          -- Document::doc_id (content hash of the text)
    source            TEXT,                      -- path or URL as ingested (url, else path)
    path              TEXT,
    url               TEXT,
    outlet            TEXT,
    title             TEXT,
    published         TEXT,                      -- YYYY-MM-DD
    text              TEXT NOT NULL,
    ingested_at       TEXT NOT NULL,             -- RFC 3339 UTC
    extractor_version TEXT NOT NULL,
    version_key       TEXT,                      -- url, else path (not stdin): the "same document" key
    supersedes        TEXT REFERENCES documents(doc_id),
    superseded_by     TEXT REFERENCES documents(doc_id),
    warnings          TEXT NOT NULL DEFAULT '[]' -- JSON array of strings
);
CREATE INDEX documents_version_key ON documents(version_key) WHERE superseded_by IS NULL;
CREATE INDEX documents_extractor_version ON documents(extractor_version);
CREATE INDEX documents_supersedes ON documents(supersedes);

CREATE TABLE events (
    seq             INTEGER PRIMARY KEY,         -- insertion order; the pagination cursor
    id              TEXT NOT NULL UNIQUE,
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,            -- position in the document's DocOutput
    current         INTEGER NOT NULL DEFAULT 1,  -- 0 once its document is superseded
    -- effective (reviewed) values, used by every filter:
    type            TEXT NOT NULL,
    aggregate       INTEGER NOT NULL,
    modality        TEXT NOT NULL,
    confidence      REAL NOT NULL,
    claimed_by      TEXT,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    time_start      TEXT,
    time_end        TEXT,
    time_precision  TEXT,
    time_text       TEXT,
    date_start      TEXT,                        -- time_start, else the document's published date
    date_end        TEXT,                        -- time_end, else date_start
    place_name      TEXT,
    place_id        TEXT,
    place_kind      TEXT,
    admin1          TEXT,
    township        TEXT,
    lat             REAL,
    lon             REAL,
    place_precision TEXT,
    count_measure   TEXT,                        -- the type's primary measure
    count_low       INTEGER,
    count_best      INTEGER,
    count_high      INTEGER,
    review_status   TEXT,                        -- NULL, accepted, rejected, corrected
    sentence_text   TEXT NOT NULL DEFAULT '',    -- the sentence (notes in exports)
    event_json      TEXT NOT NULL                -- the event exactly as extracted
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type, seq);
CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE, seq);
CREATE INDEX events_place ON events(place_name COLLATE NOCASE);
CREATE INDEX events_township ON events(township COLLATE NOCASE);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_count ON events(COALESCE(count_best, count_low));
CREATE INDEX events_review ON events(review_status) WHERE review_status IS NOT NULL;

CREATE TABLE quantities (
    event_seq  INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    measure    TEXT NOT NULL,
    who        TEXT,
    low        INTEGER,
    best       INTEGER,
    high       INTEGER,
    qualifier  TEXT NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (event_seq, idx)
) WITHOUT ROWID;

CREATE TABLE actors (
    event_seq  INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    role       TEXT NOT NULL,
    name       TEXT NOT NULL,
    canonical  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    parent     TEXT,
    span_start INTEGER,
    span_end   INTEGER,
    PRIMARY KEY (event_seq, idx)
) WITHOUT ROWID;
CREATE INDEX actors_canonical ON actors(canonical COLLATE NOCASE);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_parent ON actors(parent COLLATE NOCASE) WHERE parent IS NOT NULL;

-- Every evidence span of an event: trigger, sentence, quantity, place, time, actor, mention.
CREATE TABLE spans (
    event_seq  INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX spans_event ON spans(event_seq);

-- Analyst decisions. Keyed by event id, with an anchor (the extracted values
-- the decision was made on) so that `reextract` can re-attach it.
CREATE TABLE reviews (
    event_id        TEXT PRIMARY KEY,
    doc_id          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'corrected')),
    corrections     TEXT NOT NULL DEFAULT '{}',  -- JSON object: field -> corrected value
    reviewer        TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,
    anchor_type     TEXT NOT NULL,
    anchor_sentence_start INTEGER NOT NULL,
    anchor_sentence_end   INTEGER NOT NULL,
    anchor_trigger_start  INTEGER NOT NULL,
    anchor_trigger_end    INTEGER NOT NULL,
    anchor_count_best     INTEGER,
    anchor_place          TEXT,
    orphaned        INTEGER NOT NULL DEFAULT 0   -- 1 when reextract found no matching event
);
CREATE INDEX reviews_doc ON reviews(doc_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL,
    action    TEXT NOT NULL,                     -- accept, reject, correct, reattach, orphan
    field     TEXT,
    old_value TEXT,                              -- JSON
    new_value TEXT,                              -- JSON
    reviewer  TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX audit_event ON audit_log(event_id);
