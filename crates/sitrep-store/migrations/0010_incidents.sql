-- Incidents: events of different documents resolved into one happening
-- (issue 8, crate sitrep-merge). Written by `sitrep merge` (full rebuild)
-- and by the incremental merge after `sitrep ingest`.
CREATE TABLE incidents (
    id          TEXT PRIMARY KEY,          -- 'inc-' + smallest member event id
    type        TEXT NOT NULL,             -- spec §1 type (most common among members)
    aggregate   INTEGER NOT NULL DEFAULT 0,
    disputed    INTEGER NOT NULL DEFAULT 0, -- any discrepancy flag
    admin1      TEXT,
    township    TEXT,
    start_date  TEXT,                      -- ISO date or NULL
    end_date    TEXT,
    count_low   INTEGER,
    count_best  INTEGER,
    count_high  INTEGER,
    members     INTEGER NOT NULL,
    body        TEXT NOT NULL,             -- the whole incident as JSON (sitrep_merge::Incident)
    merged_at   TEXT NOT NULL              -- RFC 3339 UTC
);
CREATE INDEX incidents_start ON incidents(start_date);
CREATE INDEX incidents_type ON incidents(type);

-- Each event belongs to exactly one incident. Events are referenced by their
-- stable text id; a full `sitrep merge` drops rows of events that are gone.
CREATE TABLE incident_events (
    event_id    TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events(incident_id);
