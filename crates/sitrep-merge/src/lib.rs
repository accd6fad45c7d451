//! sitrep-merge (stub; see its issue).
