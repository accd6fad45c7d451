//! Numbers and quantities (spec §2). Stub: filled in by issue 3.
use sitrep_core::QuantityMention;

/// Every count of people, deaths, injuries, dependents or houses in `text`
/// (and counts of other nouns with `measure: None`), in text order.
pub fn find(_text: &str) -> Vec<QuantityMention> {
    Vec::new()
}
