//! Actors, military units, people and attribution (spec §5, issue 5).
//!
//! [`Actors::find`] reads every actor mention of a document in one Aho-Corasick
//! pass over the dictionary (`data/actors.tsv`, `data/generic.tsv`), one regex
//! pass for the unit grammar (`data/units.tsv`) and one for people with ranks,
//! roles and honorifics (`data/people.tsv`), then resolves overlaps, unit owners,
//! people's units and generic references ("the group", "its fighters").
//! [`Actors::attributions`] finds quotes and reported speech with their sources.

mod attribution;
mod data;
mod dict;
mod people;
mod resolve;
mod textutil;
mod units;

use std::collections::HashMap;
use std::sync::OnceLock;

use sitrep_core::{ActorMention, Attribution, Quote, Sentence};

pub use data::ActorInfo;

use data::{Alias, Generic};
use dict::Dictionary;
use people::People;
use units::UnitGrammar;

/// Canonical name of the state's armed forces (spec §5).
pub const MYANMAR_ARMED_FORCES: &str = "Myanmar Armed Forces";

/// The actor dictionary, the unit grammar, the people recogniser and the
/// attribution lexicon, built once from the embedded data files.
pub struct Actors {
    actors: Vec<ActorInfo>,
    #[allow(dead_code)]
    aliases: Vec<Alias>,
    generics: Vec<Generic>,
    by_canonical: HashMap<String, usize>,
    dict: Dictionary,
    units: UnitGrammar,
    people: People,
    speech: attribution::Speech,
}

impl Actors {
    /// The embedded dictionary, loaded once.
    pub fn embedded() -> &'static Actors {
        static A: OnceLock<Actors> = OnceLock::new();
        A.get_or_init(Actors::build)
    }

    fn build() -> Actors {
        let (actors, aliases) = data::load_actors();
        let generics = data::load_generics(&actors);
        let people = People::new();
        let units = UnitGrammar::new();
        let dict = Dictionary::new(
            &actors,
            &aliases,
            &generics,
            &people.trigger_words(),
            units.first_words(),
        );
        let mut by_canonical = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            by_canonical.entry(a.canonical.clone()).or_insert(i);
        }
        Actors {
            by_canonical,
            dict,
            units,
            people,
            speech: attribution::Speech::new(),
            actors,
            aliases,
            generics,
        }
    }

    /// Every actor mention in `text`, in text order. `sentences` are the document's
    /// sentences (sitrep-text); when empty, lines are used instead.
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<ActorMention> {
        resolve::find(self, text, sentences)
    }

    /// Attributions (who says so) and quotes in `text`, given the actor mentions
    /// [`Actors::find`] returned for it.
    pub fn attributions(
        &self,
        text: &str,
        sentences: &[Sentence],
        actors: &[ActorMention],
    ) -> (Vec<Attribution>, Vec<Quote>) {
        attribution::attributions(self, text, sentences, actors)
    }

    /// The dictionary entry a name refers to: a canonical name, an alias ("Tatmadaw",
    /// "Kachin Independence Army", "ULA/AA"), a generic phrase's default
    /// ("the group"), or a place-named PDF ("Kalay PDF"). Unit names are not
    /// dictionary entries: use [`Actors::normalise_unit`].
    pub fn canonical_of(&self, name: &str) -> Option<&ActorInfo> {
        let name = name.trim();
        if let Some(i) = self.dict.lookup(name) {
            return Some(&self.actors[i]);
        }
        let lower = name.to_lowercase();
        if let Some(g) = self
            .generics
            .iter()
            .find(|g| g.text.to_lowercase() == lower)
        {
            return Some(&self.actors[g.default]);
        }
        // "Kalay PDF", "the Yinmabin People's Defense Force".
        let stripped = lower.strip_prefix("the ").unwrap_or(&lower);
        for suffix in [" pdf", " people's defense force", " people’s defense force"] {
            if stripped.ends_with(suffix) && stripped.len() > suffix.len() {
                return self.info("PDF");
            }
        }
        None
    }

    /// The dictionary entry of a canonical name.
    pub fn info(&self, canonical: &str) -> Option<&ActorInfo> {
        self.by_canonical.get(canonical).map(|&i| &self.actors[i])
    }

    /// Which side a canonical actor is on (`junta`, `resistance`, `neutral`,
    /// `civilian`, `international`). Army unit canonicals ("LIB 143") are on the
    /// junta's side; "PDF Battalion 3" on its owner's.
    pub fn side_of(&self, canonical: &str) -> Option<&str> {
        if let Some(a) = self.info(canonical) {
            return Some(a.side.as_str());
        }
        if self.units.normalise(canonical).is_some() {
            return Some("junta");
        }
        // "ROC Laukkai", "TOC Kawlin": an army command named by its place.
        if ["ROC ", "TOC ", "MOC "]
            .iter()
            .any(|p| canonical.starts_with(p))
        {
            return Some("junta");
        }
        // "PDF Battalion 3": the owner's side.
        let (owner, rest) = canonical.split_once(' ')?;
        if self.units.normalise(rest).is_some() || rest.split(' ').count() == 2 {
            return self.info(owner).map(|a| a.side.as_str());
        }
        None
    }

    /// ACLED actor name and interaction code of a canonical actor, when it has one.
    pub fn acled_of(&self, canonical: &str) -> Option<(&str, u8)> {
        let a = self.info(canonical)?;
        Some((a.acled_actor.as_deref()?, a.inter))
    }

    /// Canonical short form of a unit name ("Light Infantry Battalion 143" ->
    /// "LIB 143", "Division 66" -> "LID 66", "Infantry Battalion (IB) 125" ->
    /// "IB 125", "MOC-16" -> "MOC 16"), or `None` when `s` is not a unit name.
    pub fn normalise_unit(&self, s: &str) -> Option<String> {
        self.units.normalise(s)
    }

    /// Every canonical name of the dictionary, with its entry.
    pub fn entries(&self) -> impl Iterator<Item = &ActorInfo> {
        self.actors.iter()
    }

    pub(crate) fn actor(&self, i: usize) -> &ActorInfo {
        &self.actors[i]
    }

    pub(crate) fn generic(&self, i: usize) -> &Generic {
        &self.generics[i]
    }
}

/// Canonical short form of a unit name; see [`Actors::normalise_unit`].
pub fn normalise_unit(s: &str) -> Option<String> {
    Actors::embedded().normalise_unit(s)
}
