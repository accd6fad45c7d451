//! sitrep-eval (stub; see its issue).
