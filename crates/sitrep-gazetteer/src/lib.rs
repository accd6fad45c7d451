//! Myanmar gazetteer and geocoder (spec §3). Stub: issue 4.
use sitrep_core::{PlaceMention, Sentence};

/// The gazetteer: embedded data plus any user additions.
pub struct Gazetteer {}

impl Gazetteer {
    /// The embedded gazetteer, loaded once.
    pub fn embedded() -> &'static Gazetteer {
        static G: Gazetteer = Gazetteer {};
        &G
    }

    /// Every place mention in `text`, resolved with the document as context, in text order.
    pub fn find(&self, _text: &str, _sentences: &[Sentence]) -> Vec<PlaceMention> {
        Vec::new()
    }
}
