//! sitrep-server (stub; see its issue).
