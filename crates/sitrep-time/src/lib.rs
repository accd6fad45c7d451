//! Time expressions resolved against the publication date (spec §4). Stub: issue 3.
use chrono::NaiveDate;
use sitrep_core::TimeMention;

/// Every time expression in `text`, resolved against `published` (D), in text order.
pub fn find(_text: &str, _published: Option<NaiveDate>) -> Vec<TimeMention> {
    Vec::new()
}
