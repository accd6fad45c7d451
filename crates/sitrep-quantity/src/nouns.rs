//! The counted noun after a number: modifiers, then a noun of the lexicon
//! ("41 junta soldiers", "124 family members", "two battalion bases").

use sitrep_core::Measure;

use crate::finder::Finder;
use crate::lexicon::{role, NounClass, LEX};
use crate::number::starts_number;
use crate::token::Kind;

/// A plural noun (so not the first half of a compound like "civilian deaths").
pub(crate) fn is_plural(w: &str) -> bool {
    w.ends_with('s')
        || w.ends_with("men")
        || matches!(
            w,
            "people"
                | "police"
                | "personnel"
                | "staff"
                | "children"
                | "cattle"
                | "livestock"
                | "aircraft"
                | "youth"
                | "clergy"
        )
}

pub(crate) struct NounHit {
    pub class: NounClass,
    /// Tokens `[s, e)` of the noun as written.
    pub s: usize,
    pub e: usize,
    /// A harm word among the modifiers ("12 wounded soldiers").
    pub harm: Option<Measure>,
}

impl Finder<'_, '_> {
    /// Longest noun of the lexicon starting at token `k`.
    pub(crate) fn noun_at(&self, k: usize) -> Option<(NounClass, usize)> {
        let doc = self.doc;
        if !doc.is_word(k) {
            return None;
        }
        let first = doc.w(k);
        let mut best = LEX.nouns.get(first).map(|&c| (c, k + 1));
        if !LEX.noun_starts.contains(first) {
            return best;
        }
        let mut buf = [0u8; 48];
        let mut len = first.len().min(buf.len());
        buf[..len].copy_from_slice(&first.as_bytes()[..len]);
        let mut e = k + 1;
        while e < doc.toks.len() && e - k < LEX.noun_max_words {
            if !doc.is_word(e) || !doc.toks[e].sp {
                break;
            }
            let w = doc.w(e).as_bytes();
            if len + 1 + w.len() > buf.len() {
                break;
            }
            buf[len] = b' ';
            buf[len + 1..len + 1 + w.len()].copy_from_slice(w);
            len += 1 + w.len();
            e += 1;
            // Only ASCII letters and spaces were copied.
            let phrase = std::str::from_utf8(&buf[..len]).unwrap_or("");
            if let Some(&c) = LEX.nouns.get(phrase) {
                best = Some((c, e));
            }
        }
        best
    }

    /// The counted noun after a number ending at token `k0`: up to three
    /// modifiers ("junta", "young", "70-year-old"), then a noun of the lexicon.
    pub(crate) fn noun_scan(&self, k0: usize) -> Option<NounHit> {
        let doc = self.doc;
        let n = doc.toks.len();
        let mut k = k0;
        let mut mods = 0;
        let mut harm = None;
        while k < n {
            let t = doc.toks[k];
            if t.nl {
                return None; // the counted noun is on the same line
            }
            match t.kind {
                Kind::Word => {
                    if k > k0 && !t.sp {
                        return None;
                    }
                    if let Some((mut class, mut e)) = self.noun_at(k) {
                        let mut s = k;
                        // Head-final compounds: "civilian deaths", "child soldiers".
                        while !is_plural(doc.w(e - 1)) && doc.is_word(e) && doc.toks[e].sp {
                            match self.noun_at(e) {
                                Some((c2, e2)) => {
                                    // "Thai baht": the unit decides.
                                    class = c2;
                                    s = e;
                                    e = e2;
                                }
                                _ => break,
                            }
                        }
                        return Some(NounHit { class, s, e, harm });
                    }
                    let w = doc.w(k);
                    if LEX.stopwords.contains(w) || starts_number(w) || mods >= 3 {
                        return None;
                    }
                    let r = LEX.roles(w);
                    if r & role::KILLED != 0 {
                        harm = Some(Measure::Killed);
                    } else if r & role::INJURED != 0 {
                        harm = Some(Measure::Injured);
                    }
                    mods += 1;
                    k += 1;
                }
                Kind::Num if doc.is_hyphen(k + 1) && doc.attached(k + 1) => {
                    // "15-year-old" as a modifier.
                    if mods >= 3 {
                        return None;
                    }
                    mods += 1;
                    k += 1;
                }
                _ => return None,
            }
            // Attached hyphen chains ("pro-junta", "70-year-old").
            while doc.is_hyphen(k)
                && doc.attached(k)
                && doc.attached(k + 1)
                && matches!(doc.kind(k + 1), Some(Kind::Word | Kind::Num))
            {
                k += 2;
            }
        }
        None
    }

    /// A plural word right after a number that the lexicon does not know
    /// ("12 tractors"): kept as a count of that thing, never of people.
    pub(crate) fn unknown_plural(&self, k: usize) -> Option<NounHit> {
        let doc = self.doc;
        if !doc.is_word(k) || !doc.toks[k].sp {
            return None;
        }
        let raw = doc.raw(k);
        let w = doc.w(k);
        let plural = w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is");
        if !plural
            || raw.as_bytes()[0].is_ascii_uppercase()
            || LEX.stopwords.contains(w)
            || LEX.roles(w) != 0
        {
            return None;
        }
        Some(NounHit {
            class: NounClass::Thing,
            s: k,
            e: k + 1,
            harm: None,
        })
    }
}
