//! The reading of each candidate number: shape, qualifier, range, the words
//! that make it a non-count (years, ages, unit numbers, money, durations,
//! dates, clock times), its counted noun and what it measures.

use sitrep_core::{Measure, Qualifier, QuantityMention, Span};

use crate::doc::Doc;
use crate::lexicon::{role, NounClass, LEX};
use crate::nouns::{is_plural, NounHit};
use crate::number::{is_harm_word, parse_at, starts_number, NumParse, Val};
use crate::token::Kind;
use crate::{bounds, range_bounds};

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
pub(crate) enum CtxFrom {
    None,
    /// A verb before the number ("killing 17").
    Left,
    /// A participle after the noun ("17 civilians were killed").
    Right,
    /// A participle among the noun's modifiers ("12 wounded soldiers"):
    /// says nothing about a count joined to this one.
    Modifier,
}

/// Where a number and its qualifier lie, once read.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// First token of the qualifier, of "between"/"from", or of the number.
    span_start: usize,
    /// End of the number words or digits (of the second number of a range).
    number_end: usize,
    /// End of what belongs to the number ("or so", "or more" included).
    num_end: usize,
    range: Option<(i64, i64)>,
    qualifier: Qualifier,
}

struct Found {
    m: QuantityMention,
    start_tok: usize,
    end_tok: usize,
    ctx: CtxFrom,
    person_noun: bool,
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

pub(crate) struct Finder<'d, 'a> {
    pub(crate) doc: &'d Doc<'a>,
    out: Vec<Found>,
    /// Last rejected number: its end token and why.
    last_reject: Option<(usize, Reject)>,
    /// Token index of the next harm word ("killed", "wounded") at or after
    /// the last one asked for (see [`number::is_harm_word`]).
    next_harm: usize,
}

impl<'d, 'a> Finder<'d, 'a> {
    pub(crate) fn new(doc: &'d Doc<'a>) -> Self {
        Finder {
            doc,
            out: Vec::new(),
            last_reject: None,
            next_harm: 0,
        }
    }

    /// All quantities of the document, in text order.
    pub(crate) fn find(mut self) -> Vec<QuantityMention> {
        self.run();
        self.finish()
    }

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

    /// The number's own shape rules it out: digits touching other digits,
    /// signs or letters ("Yak-130", "11th", "9:30", "US$2"), compounds
    /// ("31-year-old"), ratios, names ("the Three Brotherhood Alliance").
    fn shape_reject(&self, np: &NumParse) -> Option<(usize, Reject)> {
        let doc = self.doc;
        let (s, e) = (np.s, np.e);
        let is_digits = doc.is_num(s);
        if (s > 0 && doc.is_num(s - 1) && !doc.new_line(s)) || (doc.is_num(e) && !doc.new_line(e)) {
            // "+95 9 123 456": digit groups of a phone number or code.
            return Some((e, Reject::Other));
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
            } else if matches!(doc.raw(p), "#" | "+" | "№")
                || (p > 0
                    && (doc.is_hyphen(p) || matches!(doc.raw(p), "/" | ":" | "."))
                    && doc.attached(p)
                    && matches!(doc.kind(p - 1), Some(Kind::Word | Kind::Num)))
            {
                Reject::Designator
            } else {
                Reject::Other
            };
            if why != Reject::Other {
                return Some((e, why));
            }
        }
        if doc.attached(e) {
            match doc.kind(e) {
                Some(Kind::Word) => return Some((e, Reject::Designator)), // 11th, 505A, 50km, 2pm, 1990s
                Some(Kind::Num) => return Some((e, Reject::Other)),
                Some(Kind::Punct) => {
                    let r = doc.raw(e);
                    if r == "%" {
                        return Some((e, Reject::Measure));
                    }
                    let next_attached = doc.attached(e + 1);
                    if matches!(r, ":" | "/") && next_attached && doc.is_num(e + 1) {
                        return Some((e + 2, Reject::Date));
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
                        return Some((k + 1, Reject::Age));
                    }
                }
                _ => {}
            }
        }

        // "one in four children": a ratio, not a count.
        if matches!(np.val, Val::Exact(_)) && doc.word_is(e, "in") {
            if let Some(np2) = parse_at(doc, e + 1) {
                if matches!(np2.val, Val::Exact(_)) {
                    return Some((np2.e, Reject::Other));
                }
            }
        }
        if matches!(np.val, Val::Exact(v) if v > 100_000_000_000) {
            return Some((e, Reject::Other)); // no count of people is this large
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
            return Some((e, Reject::Other));
        }

        None
    }

    /// Range, qualifier and extent of the number read at `np`.
    fn extent(&self, np: &NumParse) -> Reading {
        let doc = self.doc;
        let (s, e) = (np.s, np.e);
        let mut span_start = s;
        let mut num_end = e;
        let mut range: Option<(i64, i64)> = None;
        if let Val::Exact(v1) = np.val {
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
        } else if qualifier == Qualifier::Exact
            && doc.is_punct(num_end, "+")
            && doc.attached(num_end)
        {
            // "300+ soldiers"
            qualifier = Qualifier::AtLeast;
            num_end += 1;
        } else if qualifier == Qualifier::Exact
            && s > 0
            && doc.is_punct(s - 1, "~")
            && doc.attached(s)
        {
            // "~300 soldiers"
            qualifier = Qualifier::Approx;
            span_start = s - 1;
        }
        Reading {
            span_start,
            number_end,
            num_end,
            range,
            qualifier,
        }
    }

    /// The word before the number (or its qualifier) rules it out: unit
    /// names ("Battalion 143"), "aged", month names, "No.", currency signs.
    fn left_reject(&self, np: &NumParse, r: &Reading) -> Option<(usize, Reject)> {
        let doc = self.doc;
        let is_digits = doc.is_num(np.s);
        let (span_start, num_end) = (r.span_start, r.num_end);
        if let Some(p) = span_start.checked_sub(1) {
            let pw = doc.w(p);
            let designator = |k: usize| {
                doc.is_word(k)
                    && (LEX.designators.contains(doc.w(k))
                        || (doc.is_capitalized(k)
                            && LEX.designators_capitalized.contains(doc.w(k))))
            };
            if designator(p) && is_digits {
                return Some((num_end, Reject::Designator));
            }
            // "Light Infantry Battalion (LIB) 345"
            if is_digits
                && doc.is_punct(p, ")")
                && p >= 2
                && doc.is_punct(p - 2, "(")
                && designator(p - 1)
            {
                return Some((num_end, Reject::Designator));
            }
            if doc.is_word(p) && matches!(pw, "aged" | "age" | "ages") {
                return Some((num_end, Reject::Age));
            }
            if pw == "of" && p > 0 && matches!(doc.w(p - 1), "age" | "ages") {
                return Some((num_end, Reject::Age));
            }
            if self.is_month(p) || (doc.is_punct(p, ".") && p > 0 && self.is_month(p - 1)) {
                return Some((num_end, Reject::Date));
            }
            if is_digits
                && (doc.is_punct(p, "#")
                    || (doc.is_punct(p, ".") && p > 0 && matches!(doc.w(p - 1), "no" | "nos")))
            {
                return Some((num_end, Reject::Designator));
            }
            if matches!(doc.raw(p), "$" | "£" | "€" | "¥")
                || matches!(pw, "usd" | "rs" | "mmk" | "ks" | "k" | "kyat" | "kyats")
            {
                return Some((num_end, Reject::Measure));
            }
        }

        None
    }

    /// Years, and the rules for numbers without a counted noun (`hit` is
    /// `None`): names, ages, and second numbers of rejected pairs
    /// ("Battalions 543 and 544", "two years, extendable to five").
    fn noun_reject(
        &self,
        np: &NumParse,
        r: &Reading,
        hit: Option<&NounHit>,
    ) -> Option<(usize, Reject)> {
        let doc = self.doc;
        let (s, e) = (np.s, np.e);
        let is_digits = doc.is_num(s);
        let n1 = match np.val {
            Val::Exact(v) => Some(v),
            Val::Vague { .. } => None,
        };
        let Reading {
            span_start,
            num_end,
            range,
            qualifier,
            ..
        } = *r;
        if is_digits && np.plain_digits == 4 && range.is_none() {
            if let Some(v) = n1 {
                if (1900..=2099).contains(&v) {
                    let count_noun = hit.is_some_and(|h| {
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
                        return Some((e, Reject::Year));
                    }
                }
            }
        }
        let bare = hit.is_none();
        if bare
            && np.plain_digits >= 3
            && span_start > 0
            && doc.word_is(span_start - 1, "the")
            && doc.is_word(num_end)
            && !doc.w(num_end).ends_with("ed")
            && !matches!(
                doc.w(num_end),
                "remaining" | "missing" | "surviving" | "fleeing" | "living"
            )
            && doc.toks[num_end].sp
            && !LEX.stopwords.contains(doc.w(num_end))
            && LEX.roles(doc.w(num_end)) == 0
            && !is_plural(doc.w(num_end))
        {
            // "the 8888 uprising", "the 1027 offensive": a name, not a count.
            return Some((num_end, Reject::Other));
        }
        if bare && qualifier == Qualifier::LessThan && span_start > 0 {
            // "children under 18": an age limit.
            if let Some((NounClass::Person, _)) = self.noun_at(span_start - 1) {
                return Some((num_end, Reject::Age));
            }
        }
        if bare
            && doc.is_capitalized(num_end)
            && doc.toks[num_end].sp
            && !doc.new_line(num_end)
            && !LEX.stopwords.contains(doc.w(num_end))
            && LEX.roles(doc.w(num_end)) == 0
            && !self.is_month(num_end)
        {
            // "the 88 Generation students": a number in a name.
            return Some((num_end, Reject::Other));
        }
        if bare && self.is_age(span_start, num_end, range.is_some()) {
            return Some((num_end, Reject::Age));
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
                    return Some((num_end, why));
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
                    return Some((num_end, Reject::Measure));
                }
            }
        }

        None
    }

    /// A number read at `np`: decide whether it is a count and what it counts.
    fn number(&mut self, np: NumParse) -> usize {
        let doc = self.doc;
        if let Some((end, why)) = self.shape_reject(&np) {
            return self.reject(end, why);
        }
        let r = self.extent(&np);
        if let Some((end, why)) = self.left_reject(&np, &r) {
            return self.reject(end, why);
        }
        let Reading {
            span_start,
            number_end,
            num_end,
            range,
            qualifier,
        } = r;
        let s = np.s;

        // --- the words after it
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
        // "400 out of the 600 houses": the first number counts the same noun.
        let mut far_noun = None;
        if hit.is_none() && doc.word_is(num_end, "out") && doc.word_is(num_end + 1, "of") {
            let k = num_end + 2 + usize::from(doc.word_is(num_end + 2, "the"));
            if let Some(np2) = parse_at(doc, k) {
                far_noun = self
                    .noun_scan(np2.e)
                    .filter(|h| h.class != NounClass::NotCount);
            }
        }
        if let Some(h) = &hit {
            if h.class == NounClass::NotCount {
                return self.reject(h.e, Reject::Measure);
            }
        }
        if let Some((end, why)) = self.noun_reject(&np, &r, hit.as_ref()) {
            return self.reject(end, why);
        }
        let bare = hit.is_none();

        // --- what it counts
        let after = hit.as_ref().map_or(num_end, |h| h.e);
        let noun = hit.as_ref().or(far_noun.as_ref());
        let (mut ctx, mut from) = (None, CtxFrom::None);
        if let Some(c) = self.left_ctx(span_start) {
            ctx = Some(c);
            from = CtxFrom::Left;
        } else if let Some(c) = self.right_ctx(after) {
            ctx = Some(c);
            from = CtxFrom::Right;
        } else if let Some(m) = noun.and_then(|h| h.harm) {
            ctx = Some((m, false));
            from = CtxFrom::Modifier;
        }
        let (measure, koi) = match noun.map(|h| h.class) {
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
            noun.map(|h| h.class),
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
        let who = noun.map(|h| doc.text[doc.toks[h.s].s..doc.toks[h.e - 1].e].to_string());
        let person_noun = matches!(
            noun.map(|h| h.class),
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
