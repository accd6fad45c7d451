//! Numbers and quantities of people, deaths, injuries, dependents and houses
//! (spec §2 of `spec/EVENTS.md`).
//!
//! [`find`] reads every count in a document: digits (`41`, `20,000`, `5.000`,
//! `1.2 million`, Burmese digits), English number words (`one hundred and
//! twenty-six`, `Thirty-two`, `a dozen`) and vague quantifiers (`dozens of`,
//! `tens of thousands`, `several`, `a few`). Each count gets its qualifier and
//! bounds from the wording (spec §2 table), the counted noun (`who`) and what it
//! measures (`people`, `killed`, `injured`, `dependents`, `houses`, or `None`
//! for counts of other things such as bases or drones). Numbers that are not
//! counts (years, ages, unit numbers, money, durations, distances, dates, clock
//! times, percentages, fractions, ordinals, phone numbers) are left out.
//!
//! How it works: one tokenizer pass ([`token`]), a cheap test per token for
//! whether it can start a number, then small look-ups in the few tokens around
//! each candidate. The word lists are data files in `data/`.

mod doc;
mod lexicon;
mod number;
mod token;

use sitrep_core::{Measure, Qualifier, QuantityMention, Span};

use doc::Doc;
use lexicon::{role, NounClass, LEX};
use number::{is_harm_word, parse_at, starts_number, NumParse, Val};
use token::Kind;

/// Every count of people, deaths, injuries, dependents or houses in `text`
/// (and counts of other nouns with `measure: None`), in text order.
///
/// Spans are byte offsets into `text`. Never panics, whatever the input.
pub fn find(text: &str) -> Vec<QuantityMention> {
    let doc = Doc::new(text);
    let mut f = Finder {
        doc: &doc,
        out: Vec::new(),
        last_reject: None,
        next_harm: 0,
    };
    f.run();
    f.finish()
}

/// Reads `s` as one number (digits, words or both: `"20,000"`,
/// `"one hundred and twenty-six"`, `"1.2 million"`, `"a dozen"`, `"၁၂"`).
/// `None` if `s` is not exactly one number.
pub fn parse_number(s: &str) -> Option<i64> {
    let doc = Doc::new(s);
    let np = parse_at(&doc, 0)?;
    match np.val {
        Val::Exact(v) if np.e == doc.toks.len() => Some(v),
        _ => None,
    }
}

/// `(low, best, high)` of a number `n` under a qualifier (spec §2 table).
/// For [`Qualifier::Range`] and [`Qualifier::Vague`] use [`range_bounds`] or
/// the vague rows; here they read as `exact`.
pub fn bounds(q: Qualifier, n: i64) -> (Option<i64>, Option<i64>, Option<i64>) {
    let floor90 = (9 * n).div_euclid(10);
    let ceil110 = (11 * n + 9).div_euclid(10);
    match q {
        Qualifier::Approx => (Some(floor90), Some(n), Some(ceil110)),
        Qualifier::Nearly => (Some(floor90), Some(n), Some(n)),
        Qualifier::MoreThan => (Some(n + 1), Some(n + 1), None),
        Qualifier::AtLeast => (Some(n), Some(n), None),
        Qualifier::UpTo => (None, Some(n), Some(n)),
        Qualifier::LessThan => (None, None, Some(n - 1)),
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => (Some(n), Some(n), Some(n)),
    }
}

/// `(low, best, high)` of a range "N to M": best is (N+M)/2 with halves rounded up.
pub fn range_bounds(n: i64, m: i64) -> (Option<i64>, Option<i64>, Option<i64>) {
    (Some(n), Some((n + m + 1).div_euclid(2)), Some(m))
}

/// A plural noun (so not the first half of a compound like "civilian deaths").
fn is_plural(w: &str) -> bool {
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

/// Why a number was not a count; kept so that "Battalions 543 and 544" and
/// "two years, extendable to five" reject the second number too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reject {
    Designator,
    Age,
    Date,
    Year,
    /// Durations, money, distances, weights, percentages, fractions, clock times.
    Measure,
    Other,
}

/// Where the killed/injured reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CtxFrom {
    None,
    /// A verb before the number ("killing 17").
    Left,
    /// A participle after the noun ("17 civilians were killed").
    Right,
}

struct Found {
    m: QuantityMention,
    start_tok: usize,
    end_tok: usize,
    ctx: CtxFrom,
    person_noun: bool,
}

struct NounHit {
    class: NounClass,
    /// Tokens `[s, e)` of the noun as written.
    s: usize,
    e: usize,
    /// A harm word among the modifiers ("12 wounded soldiers").
    harm: Option<Measure>,
}

const DAYPARTS: &[&str] = &[
    "night",
    "morning",
    "evening",
    "afternoon",
    "noon",
    "midnight",
    "dawn",
];

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    out: Vec<Found>,
    /// Last rejected number: its end token and why.
    last_reject: Option<(usize, Reject)>,
    /// Token index of the next harm word ("killed", "wounded") at or after
    /// the last one asked for (see [`number::is_harm_word`]).
    next_harm: usize,
}

impl<'d, 'a> Finder<'d, 'a> {
    fn run(&mut self) {
        let doc = self.doc;
        let n = doc.toks.len();
        let mut j = 0;
        while j < n {
            let t = doc.toks[j];
            let cand = match t.kind {
                Kind::Num => true,
                Kind::Word => {
                    let w = doc.w(j);
                    w.len() <= 9 && (starts_number(w) || w == "a" || w == "an" || w == "another")
                }
                _ => false,
            };
            if !cand {
                j += 1;
                continue;
            }
            let next = self.at(j);
            j = next.max(j + 1);
        }
    }

    fn finish(mut self) -> Vec<QuantityMention> {
        // "Three civilians and two soldiers were killed": the participle after
        // the second count also tells what happened to the first; "killing five
        // soldiers and two civilians": the verb before the first governs both.
        for i in 1..self.out.len() {
            let (a, b) = self.out.split_at_mut(i);
            let (a, b) = (&mut a[i - 1], &mut b[0]);
            if b.start_tok != a.end_tok + 1 || !self.doc.word_is(a.end_tok, "and") {
                continue;
            }
            let plain = |f: &Found| {
                f.ctx == CtxFrom::None
                    && f.person_noun
                    && matches!(f.m.measure, Some(Measure::People | Measure::Dependents))
            };
            if b.ctx == CtxFrom::Right && plain(a) {
                a.m.measure = b.m.measure;
                a.m.killed_or_injured = b.m.killed_or_injured;
                a.ctx = CtxFrom::Right;
            } else if a.ctx == CtxFrom::Left && plain(b) {
                b.m.measure = a.m.measure;
                b.m.killed_or_injured = a.m.killed_or_injured;
                b.ctx = CtxFrom::Left;
            }
        }
        self.out.into_iter().map(|f| f.m).collect()
    }

    fn reject(&mut self, end_tok: usize, why: Reject) -> usize {
        self.last_reject = Some((end_tok, why));
        end_tok
    }

    /// Looks at a candidate at token `j`; returns the token to continue from.
    fn at(&mut self, j: usize) -> usize {
        let doc = self.doc;
        match parse_at(doc, j) {
            Some(np) => self.number(np),
            None => {
                let w = doc.w(j);
                if matches!(w, "a" | "an" | "another") {
                    self.governed_single(j);
                }
                j + 1
            }
        }
    }

    /// Longest noun of the lexicon starting at token `k`.
    fn noun_at(&self, k: usize) -> Option<(NounClass, usize)> {
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
    fn noun_scan(&self, k0: usize) -> Option<NounHit> {
        let doc = self.doc;
        let n = doc.toks.len();
        let mut k = k0;
        let mut mods = 0;
        let mut harm = None;
        while k < n {
            let t = doc.toks[k];
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
    fn unknown_plural(&self, k: usize) -> Option<NounHit> {
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

    /// A kill/wound verb right before token `s` ("killing", "wounding"),
    /// "killed or injured", "the bodies of", or a death toll.
    fn left_ctx(&self, s: usize) -> Option<(Measure, bool)> {
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
        None
    }

    /// A participle after the counted noun ("were killed", "killed or
    /// injured", "seriously injured", "died"), looking past a short phrase
    /// ("in Rakhine State have been killed"); stops at the end of the clause.
    fn right_ctx(&self, k0: usize) -> Option<(Measure, bool)> {
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

    /// "killing a 70-year-old woman", "a boy was wounded", "another seriously
    /// injured": one person killed or injured.
    fn governed_single(&mut self, j: usize) {
        let doc = self.doc;
        // Cheap gate: a kill/wound verb right before, or a harm word soon after.
        let verb_before = j > 0
            && doc.is_word(j - 1)
            && LEX.roles(doc.w(j - 1)) & (role::KILL_VERB | role::WOUND_VERB) != 0;
        if !verb_before {
            if self.next_harm <= j {
                let mut k = j + 1;
                while k < doc.toks.len() && !(doc.is_word(k) && is_harm_word(doc.w(k))) {
                    k += 1;
                }
                self.next_harm = k;
            }
            if self.next_harm > j + 14 {
                return;
            }
        }
        if let Some(p) = j.checked_sub(1) {
            if matches!(
                doc.w(p),
                "including" | "among" | "them" | "like" | "as" | "such" | "incl"
            ) && doc.is_word(p)
            {
                return;
            }
        }
        if doc.is_num(j + 1) && !doc.is_hyphen(j + 2) {
            return;
        }
        if doc.is_word(j + 1) && starts_number(doc.w(j + 1)) {
            return;
        }
        let hit = self.noun_scan(j + 1);
        let another = doc.w(j) == "another";
        match &hit {
            Some(h) if matches!(h.class, NounClass::Person | NounClass::Dependent) => {
                if doc.w(h.e - 1).ends_with('s') && !matches!(doc.w(h.e - 1), "police") {
                    return; // "a group of soldiers", not one person
                }
            }
            None if another => {}
            _ => return,
        }
        let after = hit.as_ref().map_or(j + 1, |h| h.e);
        let (ctx, from) = match self.left_ctx(j) {
            Some(c) if LEX.roles(doc.w(j - 1)) & (role::KILL_VERB | role::WOUND_VERB) != 0 => {
                (c, CtxFrom::Left)
            }
            _ => match self.right_ctx(after) {
                Some(c) => (c, CtxFrom::Right),
                None => return,
            },
        };
        let span_end = doc.toks[after - 1].e;
        let span = Span::new(doc.toks[j].s, span_end);
        let who = hit
            .as_ref()
            .map(|h| doc.text[doc.toks[h.s].s..doc.toks[h.e - 1].e].to_string());
        self.out.push(Found {
            m: QuantityMention {
                measure: Some(ctx.0),
                who,
                low: Some(1),
                best: Some(1),
                high: Some(1),
                qualifier: Qualifier::Exact,
                text: doc.text[span.0..span.1].to_string(),
                span,
                number_span: Span::new(doc.toks[j].s, doc.toks[j].e),
                killed_or_injured: ctx.1,
            },
            start_tok: j,
            end_tok: after,
            ctx: from,
            person_noun: hit.is_some(),
        });
    }

    /// Qualifier phrase ending right before token `s`: (qualifier, first token).
    fn qualifier_before(&self, s: usize) -> Option<(Qualifier, usize)> {
        let doc = self.doc;
        if s == 0 || !doc.is_word(s - 1) || !LEX.qualifier_ends.contains(doc.w(s - 1)) {
            return None;
        }
        let mut best: Option<(Qualifier, usize)> = None;
        for (words, q) in &LEX.qualifiers {
            let len = words.len();
            if len > s {
                continue;
            }
            let start = s - len;
            if best.is_some_and(|(_, b)| b <= start) {
                continue;
            }
            let ok = words
                .iter()
                .enumerate()
                .all(|(i, w)| doc.is_word(start + i) && doc.w(start + i) == w);
            if ok {
                best = Some((*q, start));
            }
        }
        best
    }

    fn is_month(&self, k: usize) -> bool {
        let doc = self.doc;
        doc.is_capitalized(k) && LEX.months.contains(doc.w(k))
    }

    /// A number read at `np`: decide whether it is a count and what it counts.
    fn number(&mut self, np: NumParse) -> usize {
        let doc = self.doc;
        let (s, e) = (np.s, np.e);
        let is_digits = doc.is_num(s);

        // --- the number's own shape
        if (s > 0 && doc.is_num(s - 1)) || doc.is_num(e) {
            // "+95 9 123 456": digit groups of a phone number or code.
            return self.reject(e, Reject::Other);
        }
        if is_digits && doc.attached(s) && s > 0 {
            // "Yak-130", "2023-11", "9:30", "K50,000", "+95", "#6"
            let p = s - 1;
            let why = if doc.is_punct(p, "$")
                || doc.is_punct(p, "£")
                || doc.is_punct(p, "€")
                || doc.is_word(p)
            {
                Reject::Measure
            } else if matches!(doc.kind(p), Some(Kind::Punct))
                && !matches!(doc.raw(p), "(" | "\"" | "“" | "'" | "‘" | "[")
            {
                Reject::Designator
            } else {
                Reject::Other
            };
            if why != Reject::Other {
                return self.reject(e, why);
            }
        }
        if doc.attached(e) {
            match doc.kind(e) {
                Some(Kind::Word) => return self.reject(e, Reject::Designator), // 11th, 505A, 50km, 2pm, 1990s
                Some(Kind::Num) => return self.reject(e, Reject::Other),
                Some(Kind::Punct) => {
                    let r = doc.raw(e);
                    if r == "%" {
                        return self.reject(e, Reject::Measure);
                    }
                    let next_attached = doc.attached(e + 1);
                    if matches!(r, ":" | "/") && next_attached && doc.is_num(e + 1) {
                        return self.reject(e + 2, Reject::Date);
                    }
                    if doc.is_hyphen(e)
                        && next_attached
                        && doc.is_word(e + 1)
                        && !starts_number(doc.w(e + 1))
                    {
                        // "31-year-old", "500-pound", "two-thirds", "three-year"
                        let mut k = e + 1;
                        while doc.is_hyphen(k + 1) && doc.attached(k + 1) && doc.attached(k + 2) {
                            k += 2;
                        }
                        return self.reject(k + 1, Reject::Age);
                    }
                }
                _ => {}
            }
        }

        // "the Three Brotherhood Alliance": a number word in a name.
        if !is_digits
            && doc.is_capitalized(s)
            && s > 0
            && doc.is_word(s - 1)
            && (doc.raw(s - 1).as_bytes()[0].is_ascii_lowercase() || doc.w(s - 1) == "the")
            && doc.is_capitalized(e)
            && self.noun_at(e).is_none()
        {
            return self.reject(e, Reject::Other);
        }

        // --- the words before it
        let n1 = match np.val {
            Val::Exact(v) => Some(v),
            Val::Vague { .. } => None,
        };
        let mut span_start = s;
        let mut num_end = e;
        let mut range: Option<(i64, i64)> = None;
        if let Some(v1) = n1 {
            let between = s > 0 && doc.word_is(s - 1, "between") && doc.word_is(e, "and");
            let joiner = between
                || doc.word_is(e, "to")
                || doc.word_is(e, "or")
                || (doc.is_dash(e) && !doc.is_word(e + 1)
                    || doc.is_dash(e) && starts_number(doc.w(e + 1)));
            if joiner {
                if let Some(np2) = parse_at(doc, e + 1) {
                    if let Val::Exact(v2) = np2.val {
                        // "one to two million", "3 to 5 thousand"
                        let v1 = if np.scale == 1 && np2.scale > 1 && v1 < 1000 {
                            v1 * np2.scale
                        } else {
                            v1
                        };
                        let attached_ok = !doc.attached(np2.e)
                            || !matches!(doc.kind(np2.e), Some(Kind::Word | Kind::Num));
                        if v2 > v1 && attached_ok {
                            range = Some((v1, v2));
                            num_end = np2.e;
                            if between || (s > 0 && doc.word_is(s - 1, "from")) {
                                span_start = s - 1;
                            }
                        }
                    }
                }
            }
        }
        let mut qualifier = match (np.val, range) {
            (_, Some(_)) => Qualifier::Range,
            (Val::Vague { .. }, _) => Qualifier::Vague,
            _ => Qualifier::Exact,
        };
        if qualifier == Qualifier::Exact {
            if let Some((q, qs)) = self.qualifier_before(s) {
                qualifier = q;
                span_start = qs;
            }
        }

        // Left-side rejections.
        if let Some(p) = span_start.checked_sub(1) {
            let pw = doc.w(p);
            if doc.is_word(p) && LEX.designators.contains(pw) && is_digits {
                return self.reject(num_end, Reject::Designator);
            }
            if doc.is_word(p) && matches!(pw, "aged" | "age" | "ages") {
                return self.reject(num_end, Reject::Age);
            }
            if pw == "of" && p > 0 && matches!(doc.w(p - 1), "age" | "ages") {
                return self.reject(num_end, Reject::Age);
            }
            if self.is_month(p) || (doc.is_punct(p, ".") && p > 0 && self.is_month(p - 1)) {
                return self.reject(num_end, Reject::Date);
            }
            if is_digits
                && (doc.is_punct(p, "#")
                    || (doc.is_punct(p, ".") && p > 0 && matches!(doc.w(p - 1), "no" | "nos")))
            {
                return self.reject(num_end, Reject::Designator);
            }
            if matches!(doc.raw(p), "$" | "£" | "€" | "¥") || matches!(pw, "usd" | "rs" | "mmk")
            {
                return self.reject(num_end, Reject::Measure);
            }
        }

        // --- the words after it
        // "200 or so soldiers", "50 or more people"
        let number_end = num_end;
        if qualifier == Qualifier::Exact
            && doc.word_is(num_end, "or")
            && (doc.word_is(num_end + 1, "so") || doc.word_is(num_end + 1, "more"))
        {
            qualifier = if doc.w(num_end + 1) == "so" {
                Qualifier::Approx
            } else {
                Qualifier::AtLeast
            };
            num_end += 2;
        }
        if self.is_month(num_end) {
            return self.reject(num_end + 1, Reject::Date); // "24 June"
        }
        if self.is_clock_after(num_end, span_start) {
            return self.reject(num_end, Reject::Measure);
        }
        let vague_of = matches!(np.val, Val::Vague { .. }) && doc.word_is(num_end, "of");
        let noun_from = if vague_of { num_end + 1 } else { num_end };
        let hit = self
            .noun_scan(noun_from)
            .or_else(|| self.unknown_plural(noun_from));
        if let Some(h) = &hit {
            if h.class == NounClass::NotCount {
                return self.reject(h.e, Reject::Measure);
            }
        }
        if is_digits && np.plain_digits == 4 && range.is_none() {
            if let Some(v) = n1 {
                if (1900..=2099).contains(&v) {
                    let count_noun = hit.as_ref().is_some_and(|h| {
                        h.s == num_end
                            && matches!(
                                h.class,
                                NounClass::Person
                                    | NounClass::House
                                    | NounClass::Killed
                                    | NounClass::Casualty
                            )
                    });
                    let year_word = span_start > 0
                        && (self.is_month(span_start - 1)
                            || doc.is_punct(span_start - 1, ",")
                            || matches!(
                                doc.w(span_start - 1),
                                "in" | "since"
                                    | "of"
                                    | "by"
                                    | "until"
                                    | "during"
                                    | "from"
                                    | "before"
                                    | "after"
                                    | "early"
                                    | "late"
                                    | "mid"
                                    | "the"
                                    | "year"
                            ));
                    if !count_noun || year_word {
                        return self.reject(e, Reject::Year);
                    }
                }
            }
        }
        let bare = hit.is_none();
        if bare
            && span_start > 0
            && doc.word_is(span_start - 1, "the")
            && doc.is_word(num_end)
            && doc.toks[num_end].sp
            && !LEX.stopwords.contains(doc.w(num_end))
            && LEX.roles(doc.w(num_end)) == 0
            && !is_plural(doc.w(num_end))
        {
            // "the 8888 uprising", "the 1027 offensive": a name, not a count.
            return self.reject(num_end, Reject::Other);
        }
        if bare && qualifier == Qualifier::LessThan && span_start > 0 {
            // "children under 18": an age limit.
            if let Some((NounClass::Person, _)) = self.noun_at(span_start - 1) {
                return self.reject(num_end, Reject::Age);
            }
        }
        if bare
            && doc.is_capitalized(num_end)
            && doc.toks[num_end].sp
            && !LEX.stopwords.contains(doc.w(num_end))
            && LEX.roles(doc.w(num_end)) == 0
            && !self.is_month(num_end)
        {
            // "the 88 Generation students": a number in a name.
            return self.reject(num_end, Reject::Other);
        }
        if bare && self.is_age(span_start, num_end, range.is_some()) {
            return self.reject(num_end, Reject::Age);
        }
        if bare && span_start > 0 {
            // "Battalions 543 and 544", "aged 10 and 12", "December 7 and 8"
            let small = |max: i64| n1.is_some_and(|v| v <= max);
            if let Some((end, why)) = self.last_reject {
                let fits = match why {
                    Reject::Designator => true,
                    Reject::Age => small(120),
                    Reject::Date => small(31),
                    _ => false,
                };
                if fits
                    && span_start == s
                    && end == span_start - 1
                    && matches!(doc.w(span_start - 1), "and" | "or" | "&" | "to" | "-" | "–")
                {
                    return self.reject(num_end, why);
                }
            }
        }
        if bare {
            // "two years, extendable to five"
            if let Some((end, Reject::Measure)) = self.last_reject {
                let gap = span_start.saturating_sub(end);
                if end <= span_start
                    && gap <= 3
                    && (end..span_start).any(|k| matches!(doc.w(k), "to" | "or" | "and"))
                    && (end..span_start).all(|k| !doc.is_num(k))
                {
                    return self.reject(num_end, Reject::Measure);
                }
            }
        }

        // --- what it counts
        let after = hit.as_ref().map_or(num_end, |h| h.e);
        let (mut ctx, mut from) = (None, CtxFrom::None);
        if let Some(c) = self.left_ctx(span_start) {
            ctx = Some(c);
            from = CtxFrom::Left;
        } else if let Some(c) = self.right_ctx(after) {
            ctx = Some(c);
            from = CtxFrom::Right;
        } else if let Some(m) = hit.as_ref().and_then(|h| h.harm) {
            ctx = Some((m, false));
            from = CtxFrom::Right;
        }
        let (measure, koi) = match hit.as_ref().map(|h| h.class) {
            Some(NounClass::House) => (Some(Measure::Houses), false),
            Some(NounClass::Thing | NounClass::NotCount) => (None, false),
            Some(NounClass::Killed) => (Some(Measure::Killed), false),
            Some(NounClass::Injured) => (Some(Measure::Injured), false),
            Some(NounClass::Casualty) => (Some(Measure::Killed), true),
            Some(NounClass::Dependent) => match ctx {
                Some((m, k)) => (Some(m), k),
                None => (Some(Measure::Dependents), false),
            },
            Some(NounClass::Person) | None => match ctx {
                Some((m, k)) => (Some(m), k),
                None => (Some(Measure::People), false),
            },
        };
        if matches!(
            hit.as_ref().map(|h| h.class),
            Some(
                NounClass::House
                    | NounClass::Thing
                    | NounClass::Killed
                    | NounClass::Injured
                    | NounClass::Casualty
            )
        ) {
            from = CtxFrom::None;
        }
        if bare && np.lone_one && from == CtxFrom::None {
            return num_end; // "one of them", "another one": a pronoun, not a count
        }

        let (low, best, high) = match (np.val, range) {
            (_, Some((a, b))) => range_bounds(a, b),
            (Val::Vague { low, high }, _) => (Some(low), None, Some(high)),
            (Val::Exact(v), None) => bounds(qualifier, v),
        };
        let span_end_tok = after;
        let span = Span::new(doc.toks[span_start].s, doc.toks[span_end_tok - 1].e);
        let number_span = Span::new(doc.toks[s].s, doc.toks[number_end - 1].e);
        let who = hit
            .as_ref()
            .map(|h| doc.text[doc.toks[h.s].s..doc.toks[h.e - 1].e].to_string());
        let person_noun = matches!(
            hit.as_ref().map(|h| h.class),
            Some(NounClass::Person | NounClass::Dependent)
        );
        self.out.push(Found {
            m: QuantityMention {
                measure,
                who,
                low,
                best,
                high,
                qualifier,
                text: doc.text[span.0..span.1].to_string(),
                span,
                number_span,
                killed_or_injured: koi,
            },
            start_tok: span_start,
            end_tok: span_end_tok,
            ctx: from,
            person_noun,
        });
        span_end_tok
    }

    /// "2 pm", "2 p.m.", "nine o'clock", "at nine at night".
    fn is_clock_after(&self, k: usize, start: usize) -> bool {
        let doc = self.doc;
        let w = doc.w(k);
        if !doc.is_word(k) {
            return false;
        }
        if matches!(w, "pm" | "am" | "hrs" | "gmt") {
            return true;
        }
        if matches!(w, "p" | "a") && doc.is_punct(k + 1, ".") && doc.word_is(k + 2, "m") {
            return true;
        }
        if w == "o" && doc.word_is(k + 2, "clock") {
            return true;
        }
        let after_at = start > 0 && doc.word_is(start - 1, "at");
        after_at
            && matches!(w, "at" | "in" | "this" | "that" | "last")
            && (k + 1..k + 4).any(|i| doc.is_word(i) && DAYPARTS.contains(&doc.w(i)))
    }

    /// A bare number that is an age: "He is 19", "Saw Lin, 38, died",
    /// "between 18 and 35, the age range".
    fn is_age(&self, start: usize, end: usize, is_range: bool) -> bool {
        let doc = self.doc;
        let Some(p) = start.checked_sub(1) else {
            return false;
        };
        if doc.is_word(p) && matches!(doc.w(p), "is" | "was" | "turned" | "turns") && p > 0 {
            let subj = doc.w(p - 1);
            if matches!(subj, "he" | "she" | "i" | "who")
                || (!subj.ends_with('s') && matches!(LEX.nouns.get(subj), Some(NounClass::Person)))
            {
                return true;
            }
        }
        let person_before = p > 0
            && (doc.is_capitalized(p - 1)
                || (!is_plural(doc.w(p - 1))
                    && matches!(LEX.nouns.get(doc.w(p - 1)), Some(NounClass::Person))));
        if (doc.is_punct(p, ",") || doc.is_punct(p, "(")) && person_before {
            let closes =
                matches!(doc.raw(end), "," | ")" | "." | ";") && doc.kind(end) == Some(Kind::Punct);
            if closes {
                return true;
            }
        }
        is_range
            && (end..end + 5).any(|k| {
                doc.is_word(k) && matches!(doc.w(k), "age" | "aged")
                    || (doc.word_is(k, "years") && doc.word_is(k + 1, "old"))
            })
    }
}
