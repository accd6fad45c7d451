//! Document reading (stub).
