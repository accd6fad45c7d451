//! Shared helpers for the integration tests.
#![allow(dead_code)]

use sitrep_actors::Actors;
use sitrep_core::{ActorMention, Attribution, Quote};

/// All actor mentions of `text`, with sentences from sitrep-text.
pub fn find(text: &str) -> Vec<ActorMention> {
    let sents = sitrep_text::sentences(text);
    Actors::embedded().find(text, &sents)
}

/// Attributions and quotes of `text`.
pub fn attribute(text: &str) -> (Vec<ActorMention>, Vec<Attribution>, Vec<Quote>) {
    let sents = sitrep_text::sentences(text);
    let a = Actors::embedded();
    let ms = a.find(text, &sents);
    let (atts, quotes) = a.attributions(text, &sents, &ms);
    (ms, atts, quotes)
}

/// The mention whose text is exactly `name`.
pub fn mention<'a>(ms: &'a [ActorMention], name: &str) -> &'a ActorMention {
    ms.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no mention {name:?} in {:#?}", names(ms)))
}

pub fn names(ms: &[ActorMention]) -> Vec<(String, String)> {
    ms.iter()
        .map(|m| (m.name.clone(), m.canonical.clone()))
        .collect()
}

/// Canonicals of all mentions, in order.
pub fn canonicals(ms: &[ActorMention]) -> Vec<String> {
    ms.iter().map(|m| m.canonical.clone()).collect()
}
