//! Actors, military units, people and attribution (spec §5). Stub: issue 5.
use sitrep_core::{ActorMention, Attribution, Quote, Sentence};

/// The actor dictionary and unit grammar.
pub struct Actors {}

impl Actors {
    /// The embedded dictionary, loaded once.
    pub fn embedded() -> &'static Actors {
        static A: Actors = Actors {};
        &A
    }

    /// Every actor mention in `text`, in text order.
    pub fn find(&self, _text: &str, _sentences: &[Sentence]) -> Vec<ActorMention> {
        Vec::new()
    }

    /// Attributions (who says so) and quotes in `text`.
    pub fn attributions(
        &self,
        _text: &str,
        _sentences: &[Sentence],
        _actors: &[ActorMention],
    ) -> (Vec<Attribution>, Vec<Quote>) {
        (Vec::new(), Vec::new())
    }
}
