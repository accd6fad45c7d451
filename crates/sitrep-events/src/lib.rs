//! Event assembly: from mentions to the events of the contract (issue 6).
use sitrep_core::{Document, Event, Mentions, Sentence};

/// Options for assembly.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Fill `Event::explain` with the rules that fired.
    pub explain: bool,
}

/// The events of `doc`, one per happening, in text order.
pub fn assemble(
    _doc: &Document,
    _sentences: &[Sentence],
    _mentions: &Mentions,
    _opts: &Options,
) -> Vec<Event> {
    Vec::new()
}
