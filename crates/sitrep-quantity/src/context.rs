//! What happened to those counted, from the words around the number:
//! a verb before it ("killing 17", "wounding 11", "the death toll rose to
//! 168") or a participle after the counted noun ("17 civilians were killed",
//! "11 injured", "killed or injured").

use sitrep_core::Measure;

use crate::finder::Finder;
use crate::lexicon::{role, LEX};
use crate::number::starts_number;
use crate::token::Kind;

impl Finder<'_, '_> {
    /// A kill/wound verb right before token `s` ("killing", "wounding"),
    /// "killed or injured", "the bodies of", or a death toll.
    pub(crate) fn left_ctx(&self, s: usize) -> Option<(Measure, bool)> {
        let doc = self.doc;
        let p = s.checked_sub(1)?;
        if !doc.is_word(p) {
            return None;
        }
        let r = LEX.roles(doc.w(p));
        const VERB: u16 = role::KILL_VERB | role::WOUND_VERB;
        if r & VERB != 0 {
            if p >= 2 && matches!(doc.w(p - 1), "or" | "and") && doc.is_word(p - 1) {
                let r2 = LEX.roles(doc.w(p - 2));
                if r2 & VERB != 0
                    && (r | r2) & role::KILL_VERB != 0
                    && (r | r2) & role::WOUND_VERB != 0
                {
                    return Some((Measure::Killed, true));
                }
            }
            return Some(if r & role::KILL_VERB != 0 {
                (Measure::Killed, false)
            } else {
                (Measure::Injured, false)
            });
        }
        // "killed him and 4 others"
        if doc.w(p) == "and" && p >= 2 && matches!(doc.w(p - 1), "him" | "her" | "them") {
            let r2 = LEX.roles(doc.w(p - 2));
            if r2 & role::KILL_VERB != 0 {
                return Some((Measure::Killed, false));
            }
            if r2 & role::WOUND_VERB != 0 {
                return Some((Measure::Injured, false));
            }
        }
        if doc.w(p) == "of"
            && p >= 1
            && doc.is_word(p - 1)
            && LEX.roles(doc.w(p - 1)) & role::DEATH_OF != 0
        {
            return Some((Measure::Killed, false));
        }
        // "the death toll rose to 168", "the number of people killed has risen to 45"
        let tally_verb = matches!(
            doc.w(p),
            "to" | "at"
                | "reached"
                | "hit"
                | "topped"
                | "passed"
                | "exceeded"
                | "surpassed"
                | "stood"
                | "stands"
        );
        let mut k = p;
        for _ in 0..8 {
            if !doc.is_word(k) {
                break;
            }
            let w = doc.w(k);
            if w == "toll" {
                let koi = k >= 1 && matches!(doc.w(k - 1), "casualty" | "casualties");
                return Some((Measure::Killed, koi));
            }
            if tally_verb && k < p {
                let r = LEX.roles(w);
                if r & role::KILLED != 0 || matches!(w, "deaths" | "fatalities") {
                    return Some((Measure::Killed, false));
                }
                if r & role::INJURED != 0 || w == "injuries" {
                    return Some((Measure::Injured, false));
                }
            }
            if k == 0 {
                break;
            }
            k -= 1;
        }
        // "The death toll from an airstrike on a market in Hpakant Township, Kachin
        // State, on Saturday has risen to 34": a rise verb reaches back over the
        // subject's phrases (commas included) to "toll" in the same sentence.
        let rises = (doc.w(p) == "to"
            && p >= 1
            && matches!(
                doc.w(p - 1),
                "rose" | "risen" | "climbed" | "increased" | "jumped" | "grown" | "grew" | "soared"
            ))
            || matches!(doc.w(p), "reached" | "topped" | "surpassed" | "exceeded");
        if rises {
            let mut k = p;
            for _ in 0..40 {
                if k == 0 || doc.toks[k].nl {
                    break;
                }
                k -= 1;
                if doc.is_punct(k, ".") || doc.is_punct(k, ";") {
                    break;
                }
                if doc.word_is(k, "toll") {
                    let koi = k >= 1 && matches!(doc.w(k - 1), "casualty" | "casualties");
                    return Some((Measure::Killed, koi));
                }
            }
        }
        None
    }

    /// A participle after the counted noun ("were killed", "killed or
    /// injured", "seriously injured", "died"), looking past a short phrase
    /// ("in Rakhine State have been killed"); stops at the end of the clause.
    pub(crate) fn right_ctx(&self, k0: usize) -> Option<(Measure, bool)> {
        let doc = self.doc;
        let n = doc.toks.len();
        // "Six of those killed", "three of the dead"
        if doc.word_is(k0, "of") && matches!(doc.w(k0 + 1), "those" | "the") {
            let r = LEX.roles(doc.w(k0 + 2));
            if r & role::KILLED != 0 && doc.is_word(k0 + 2) {
                return Some((Measure::Killed, false));
            }
            if r & role::INJURED != 0 && doc.is_word(k0 + 2) {
                return Some((Measure::Injured, false));
            }
        }
        let mut k = k0;
        let mut aux = false;
        let mut first = true;
        let mut steps = 0;
        while k < n && steps < 10 {
            let t = doc.toks[k];
            if t.nl {
                return None;
            }
            match t.kind {
                Kind::Punct => {
                    if doc.is_punct(k, ",")
                        && matches!(
                            doc.w(k + 1),
                            "including" | "among" | "most" | "many" | "mostly" | "mainly" | "both"
                        )
                    {
                        // "20 civilians, including children, were killed": skip the aside.
                        match (k + 2..(k + 10).min(n)).find(|&i| doc.is_punct(i, ",")) {
                            Some(close) => {
                                k = close + 1;
                                steps += 1;
                                first = false;
                                continue;
                            }
                            None => return None,
                        }
                    }
                    if !(doc.is_hyphen(k) || matches!(doc.raw(k), "'" | "’")) || t.sp {
                        return None;
                    }
                    first = false;
                }
                Kind::Num => return None,
                Kind::Other => {
                    aux = false;
                    first = false;
                }
                Kind::Word => {
                    let w = doc.w(k);
                    let r = LEX.roles(w);
                    if r & (role::KILLED | role::INJURED) != 0 {
                        let always = matches!(w, "died" | "perished" | "dead");
                        if always || aux || first {
                            if first && !aux && !always && self.looks_like_object(k + 1) {
                                return None; // "five soldiers killed two villagers"
                            }
                            let m = if r & role::KILLED != 0 {
                                Measure::Killed
                            } else {
                                Measure::Injured
                            };
                            let koi = self.other_half(k, m);
                            return Some(if koi {
                                (Measure::Killed, true)
                            } else {
                                (m, false)
                            });
                        }
                        aux = false;
                        first = false;
                    } else if w == "death" && k > 0 && doc.word_is(k - 1, "to") {
                        return Some((Measure::Killed, false)); // "beaten to death"
                    } else if w == "lost"
                        && doc.word_is(k + 1, "their")
                        && doc.word_is(k + 2, "lives")
                    {
                        return Some((Measure::Killed, false));
                    } else if r & role::AUX != 0 {
                        aux = true;
                    } else if r & role::ADVERB != 0 {
                    } else if r & role::STOP != 0 || starts_number(w) {
                        return None;
                    } else {
                        aux = false;
                        first = false;
                    }
                }
            }
            k += 1;
            steps += 1;
        }
        None
    }

    /// "killed or injured", "wounded or killed": the participle at `k` is
    /// followed by the other half.
    fn other_half(&self, k: usize, m: Measure) -> bool {
        let doc = self.doc;
        let sep = doc.word_is(k + 1, "or") || doc.word_is(k + 1, "and") || doc.is_punct(k + 1, ",");
        if !sep || !doc.is_word(k + 2) {
            return false;
        }
        let r = LEX.roles(doc.w(k + 2));
        match m {
            Measure::Killed => r & (role::INJURED | role::WOUND_VERB) != 0,
            _ => r & role::KILLED != 0,
        }
    }

    /// Token `k` starts an object ("two villagers", "a boy", "the"): the
    /// participle before it is an active verb.
    fn looks_like_object(&self, k: usize) -> bool {
        let doc = self.doc;
        match doc.kind(k) {
            Some(Kind::Num) => true,
            Some(Kind::Word) => {
                let w = doc.w(k);
                starts_number(w)
                    || matches!(
                        w,
                        "a" | "an"
                            | "the"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "at"
                            | "more"
                            | "over"
                            | "about"
                            | "around"
                            | "nearly"
                            | "some"
                            | "all"
                            | "many"
                            | "several"
                    )
            }
            _ => false,
        }
    }
}
