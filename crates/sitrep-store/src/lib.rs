//! sitrep-store (stub; see its issue).
