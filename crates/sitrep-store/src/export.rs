//! Exports of the reviewed events: ACLED-style CSV, UCDP-style CSV, JSON Lines, GeoJSON.
