//! Event assembly: from mentions to the events of the contract (spec §1–§8).
//!
//! The stage works sentence by sentence:
//!
//! 1. **Triggers** ([`lexicon`]): phrases of `data/triggers.tsv` on word
//!    boundaries; pseudo-kinds (`flee`, `take`, `release`, `kill`, …) are
//!    resolved from the words around them.
//! 2. **Cues** ([`cues`]): negations, calls, threats, legal rules,
//!    hypotheticals and relative clauses stop a trigger from making an event.
//! 3. **Frames** ([`frame`]): for each event type of the sentence, the
//!    quantities, places, times and actors are attached; a list of counts or
//!    units sharing one verb becomes one event per item (spec §8).
//! 4. **Coreference** ([`coref`]): mentions of the same happening inside the
//!    document are merged, the first full mention carrying the fields.

pub mod coref;
pub mod cues;
pub mod frame;
pub mod lexicon;

use sitrep_core::{Document, Event, Mentions, Sentence};

/// Options for assembly.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Fill `Event::explain` with the rules that fired.
    pub explain: bool,
}

/// The events of `doc`, one per happening, in text order.
pub fn assemble(
    doc: &Document,
    sentences: &[Sentence],
    mentions: &Mentions,
    opts: &Options,
) -> Vec<Event> {
    let candidates = frame::candidates(doc, sentences, mentions, opts);
    let mut events = coref::merge(candidates);
    for (i, e) in events.iter_mut().enumerate() {
        e.id = format!("{}-{}", doc.doc_id, i + 1);
        if !opts.explain {
            e.explain.clear();
        }
    }
    events
}
