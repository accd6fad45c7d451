//! The extraction pipeline: document → sentences → mentions → events.
//!
//! Each stage lives in its own crate and takes plain data; this crate only
//! wires them together.

use sitrep_core::{DocOutput, Document, Mentions, Sentence};

pub use sitrep_events::Options;

/// Runs every stage of the pipeline on a document.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    pub options: Options,
}

impl Extractor {
    pub fn new(options: Options) -> Self {
        Extractor { options }
    }

    /// Sentences of the document.
    pub fn sentences(&self, doc: &Document) -> Vec<Sentence> {
        sitrep_text::sentences(&doc.text)
    }

    /// All recogniser outputs for the document.
    pub fn mentions(&self, doc: &Document, sentences: &[Sentence]) -> Mentions {
        let text = doc.text.as_str();
        let actors_dict = sitrep_actors::Actors::embedded();
        let actors = actors_dict.find(text, sentences);
        let (attributions, quotes) = actors_dict.attributions(text, sentences, &actors);
        Mentions {
            quantities: sitrep_quantity::find(text),
            times: sitrep_time::find(text, doc.published),
            places: sitrep_gazetteer::Gazetteer::embedded().find(text, sentences),
            actors,
            attributions,
            quotes,
        }
    }

    /// The spec §6 output for one document.
    pub fn extract(&self, doc: &Document) -> DocOutput {
        let sentences = self.sentences(doc);
        let mentions = self.mentions(doc, &sentences);
        let events = sitrep_events::assemble(doc, &sentences, &mentions, &self.options);
        let mut warnings = Vec::new();
        if doc.published.is_none() {
            warnings.push("no publication date: relative dates left unresolved".to_string());
        }
        DocOutput {
            doc_id: doc.doc_id.clone(),
            path: doc.path.clone(),
            published: doc.published,
            title: doc.title.clone(),
            events,
            quotes: mentions.quotes,
            warnings,
        }
    }
}
