//! Finding time expressions: one automaton pass for candidates, then a few
//! tokens of look-around at each candidate. Produces unresolved
//! [`Expr`]essions; `resolve` turns them into dates.

use aho_corasick::{Anchored, Input};

use crate::lexicon::{lexicon, AnchorContext, Lexicon, Trigger};
use crate::tokens::{Text, Tok};

/// How the year of a date or month is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Not given: the most recent (or, for the future, the next) one.
    Unknown,
    /// Written out ("2023").
    Abs(i32),
    /// Relative to D's year ("last year" = -1, "this year" = 0).
    Rel(i32),
    /// "last December": the most recent one strictly before D's month.
    Last,
    /// "next March": the first one strictly after D's month.
    Next,
}

/// Which part of a month or year ("early July", "the end of the year").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Early,
    Mid,
    Late,
    Start,
    End,
}

/// Calendar units of relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Which weekday is meant when a weekday is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayMod {
    /// "on Tuesday".
    Plain,
    /// "this Tuesday": the Tuesday of D's week.
    This,
    /// "last Tuesday".
    Last,
    /// "next Tuesday".
    Next,
    /// "Tuesday last week".
    PrevWeek,
    /// "Tuesday next week".
    NextWeek,
}

/// What an expression says, before it is resolved against D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Core {
    /// A day of a month.
    Date { y: YearSpec, m: u32, d: u32 },
    /// A month (with `Expr::part`).
    Month { y: YearSpec, m: u32 },
    /// A year (with `Expr::part`).
    Year { y: i32 },
    /// A weekday, 1 = Monday.
    Weekday { wd: u32, modifier: WeekdayMod },
    /// D plus days: today 0, yesterday -1, tomorrow +1.
    DayOffset(i64),
    /// Last week -1, this week 0, next week +1.
    Week(i32),
    /// Last weekend -1, this weekend 0, next weekend +1.
    Weekend(i32),
    /// Last month -1, this month 0, next month +1 (with `part`).
    MonthRel(i32),
    /// Last year -1, this year 0, next year +1 (with `part`).
    YearRel(i32),
    /// "earlier this month": from the start of the unit to D.
    SoFar(Unit),
    /// "later this month": from after D to the end of the unit.
    Rest(Unit),
    /// "the past two weeks": D minus n units to D.
    Past { unit: Unit, n: i64 },
    /// "two years ago".
    Ago { unit: Unit, n: i64 },
    /// "the following day" (+1), "two days earlier" (-2): relative to the
    /// last day mentioned before.
    RelPrev(i64),
    /// "within 30 days": D to D plus n units.
    Within { unit: Unit, n: i64 },
    /// A named anchor (index into the lexicon's anchors).
    Anchor(usize),
}

/// How the expression relates to what happened (before resolution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    At,
    Since,
    Deadline,
    Future,
    /// "before the coup": open start, ends at X.
    Before,
}

/// One expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub core: Core,
    pub part: Part,
    /// Byte span of the whole expression (with "since", "by", …).
    pub s: usize,
    pub e: usize,
    pub role: Role,
    /// "four years after X": shift by n units (negative for "before").
    pub shift: Option<(i64, Unit)>,
    /// The shift lands on a day ("the third anniversary of the coup").
    pub exact_shift: bool,
    /// A weak future cue ("would"): the occurrence closest to D, not the last one.
    pub nearest: bool,
    /// "from X to Y", "between X and Y": the end of the range.
    pub to: Option<(Core, Part)>,
}

/// A parsed piece before its role is known.
#[derive(Debug, Clone, Copy)]
struct Piece {
    core: Core,
    part: Part,
    s: usize,
    e: usize,
    /// End of a range written inside the piece ("December 3-5").
    to: Option<(Core, Part)>,
}

/// Words that make a following bare month, year or anchor a time.
const TEMPORAL_PREPS: &[&str] = &[
    "in",
    "since",
    "during",
    "by",
    "until",
    "till",
    "from",
    "through",
    "throughout",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "of",
    "between",
    "and",
    "to",
    "on",
    "following",
    "around",
    "starting",
    "until",
];

/// Words before a "will" that make it a noun ("the will to fight").
const WILL_NOUN_BEFORE: &[&str] = &[
    "the",
    "a",
    "its",
    "their",
    "his",
    "her",
    "our",
    "political",
    "own",
    "free",
    "good",
    "ill",
];

/// Words right before an anchor that make it a time.
const ANCHOR_PREPS: &[&str] = &[
    "since",
    "after",
    "before",
    "during",
    "following",
    "until",
    "till",
    "by",
    "on",
    "throughout",
    "amid",
];

/// Verbs after an anchor that belong to it ("since Operation 1027 began").
const ANCHOR_VERBS: &[&str] = &[
    "began", "begun", "started", "start", "starts", "begins", "launched", "erupted", "kicked",
];

fn unit_of(text: &Text, t: Tok) -> Option<Unit> {
    if text.is_any(t, &["day", "days"]) {
        Some(Unit::Day)
    } else if text.is_any(t, &["week", "weeks"]) {
        Some(Unit::Week)
    } else if text.is_any(t, &["month", "months"]) {
        Some(Unit::Month)
    } else if text.is_any(t, &["year", "years"]) {
        Some(Unit::Year)
    } else {
        None
    }
}

/// Finds every expression of the text, in order, without overlaps.
pub fn scan(src: &str) -> Vec<Expr> {
    let lx = lexicon();
    let p = Parser {
        t: Text::new(src),
        lx,
        in_range: std::cell::Cell::new(false),
    };
    let mut out: Vec<Expr> = Vec::new();
    let mut pos = 0usize;
    let mut last_end = 0usize;
    // Non-overlapping matches are enough: a rejected candidate almost never
    // hides another one that starts inside it at a word boundary.
    for m in lx.ac.find_iter(src) {
        if m.start() < pos {
            continue;
        }
        if let Some(x) = p.candidate(
            lx.triggers[m.pattern().as_usize()],
            m.start(),
            m.end(),
            last_end,
        ) {
            pos = x.e.max(m.start() + 1);
            last_end = x.e;
            out.push(x);
        }
    }
    out
}

struct Parser<'a> {
    t: Text<'a>,
    lx: &'static Lexicon,
    /// Set while reading the second half of "from X to Y".
    in_range: std::cell::Cell<bool>,
}

impl<'a> Parser<'a> {
    /// Tries to read an expression at an automaton match.
    fn candidate(&self, trig: Trigger, ms: usize, me: usize, floor: usize) -> Option<Expr> {
        let t = &self.t;
        if !t.boundary(ms) {
            return None;
        }
        if trig != Trigger::Digits && !t.boundary(me) {
            return None;
        }
        let piece = match trig {
            Trigger::Anchor(i) => return self.anchor(i, ms, me, floor),
            Trigger::Word => {
                let tok = t.next(ms)?;
                if let Some(p) = self.backward_offset(tok) {
                    p
                } else {
                    self.piece_at(tok)?
                }
            }
            _ => {
                let tok = t.next(ms)?;
                // "3 December", "the 3rd of December": start at the day number.
                if trig == Trigger::Month {
                    if let Some(p) = self.day_first_before(tok) {
                        if p.s >= floor {
                            return self.finish(p, floor);
                        }
                    }
                }
                self.piece_at(tok)?
            }
        };
        if piece.s < floor {
            return None;
        }
        self.finish(piece, floor)
    }

    /// Adds the role, shift and range around a piece.
    fn finish(&self, piece: Piece, floor: usize) -> Option<Expr> {
        let t = &self.t;
        let mut x = Expr {
            core: piece.core,
            part: piece.part,
            s: piece.s,
            e: piece.e,
            role: Role::At,
            shift: None,
            exact_shift: false,
            nearest: false,
            to: piece.to,
        };
        // "late last year", "early this month".
        if matches!(x.core, Core::YearRel(_) | Core::MonthRel(_)) && x.part == Part::Whole {
            if let Some(p) = t.prev(x.s).filter(|p| p.s >= floor) {
                let w = if t.str(p) == "-" {
                    t.prev(p.s).filter(|w| w.s >= floor && t.is(*w, "mid"))
                } else {
                    Some(p)
                };
                if let Some(w) = w {
                    let part = if t.is(w, "early") {
                        Some(Part::Early)
                    } else if t.is(w, "late") {
                        Some(Part::Late)
                    } else if t.is(w, "mid") {
                        Some(Part::Mid)
                    } else {
                        None
                    };
                    if let Some(part) = part {
                        x.part = part;
                        x.s = w.s;
                    }
                }
            }
        }
        self.add_role(&mut x, floor);
        // "from X to Y", "between X and Y".
        if let Some(first) = t.prev(x.s).filter(|p| t.is_any(*p, &["from", "between"])) {
            if let Some(sep) = t.next(x.e) {
                if t.is_any(sep, &["to", "until", "till", "through", "and", "-", "–"]) {
                    if let Some(nt) = t.next(sep.e) {
                        self.in_range.set(true);
                        let second = self.piece_at(nt);
                        self.in_range.set(false);
                        if let Some(second) = second {
                            x.to = Some((second.core, second.part));
                            x.e = second.e;
                            x.s = first.s.max(floor);
                            x.role = Role::At;
                        }
                    }
                }
            }
        }
        Some(x)
    }

    /// The role from the words before the expression; extends the span over
    /// "since", "by", "until" and "N years after".
    fn add_role(&self, x: &mut Expr, floor: usize) {
        let t = &self.t;
        let fixed_role = matches!(
            x.core,
            Core::Within { .. }
                | Core::Rest(_)
                | Core::Week(1)
                | Core::Weekend(1)
                | Core::MonthRel(1)
                | Core::YearRel(1)
        ) || matches!(x.core, Core::DayOffset(k) if k > 0)
            || matches!(
                x.core,
                Core::Weekday {
                    modifier: WeekdayMod::Next | WeekdayMod::NextWeek,
                    ..
                }
            )
            || matches!(
                x.core,
                Core::Month {
                    y: YearSpec::Next,
                    ..
                }
            );
        if matches!(x.core, Core::Within { .. }) {
            x.role = Role::Deadline;
            return;
        }
        if fixed_role {
            x.role = Role::Future;
        }
        let possessive = self.possessive_after(x.e);
        let Some(mut p1) = t.prev(x.s).filter(|p| p.s >= floor) else {
            return;
        };
        // "since the Feb. 1, 2021, coup": the article does not change the role.
        if t.is(p1, "the") {
            if let Some(p0) = t
                .prev(p1.s)
                .filter(|p| p.s >= floor && t.is_any(*p, &["since", "after", "before"]))
            {
                p1 = p0;
            }
        }
        if fixed_role {
            if t.is_any(p1, &["by", "until", "till"]) && !possessive {
                x.role = Role::Deadline;
                x.s = p1.s;
            }
            return;
        }
        let w = t.str(p1).to_ascii_lowercase();
        match w.as_str() {
            "since" => {
                x.role = Role::Since;
                x.s = p1.s;
                return;
            }
            "by" | "until" | "till" if !possessive => {
                x.role = Role::Deadline;
                x.s = p1.s;
                return;
            }
            "after" | "before" | "following"
                if w == "before"
                    || matches!(
                        x.core,
                        Core::Anchor(_) | Core::Year { .. } | Core::Month { .. }
                    )
                    || self.shift_before(p1, floor).is_some() =>
            {
                let sign = if w == "before" { -1 } else { 1 };
                // "four years after the coup".
                if let Some((k, unit, start)) = self.shift_before(p1, floor) {
                    x.shift = Some((sign * k, unit));
                    x.s = start;
                    return;
                }
                x.role = if sign < 0 { Role::Before } else { Role::Since };
                x.s = p1.s;
                return;
            }
            // "from X" without "to Y" is read as At: "up from 2022" compares.
            "from" => return,
            "of" => {
                if let Some(p2) = t.prev(p1.s) {
                    if t.is(p2, "ahead") {
                        x.role = Role::Before;
                        return;
                    }
                }
            }
            _ => {}
        }
        // "since launching its offensive on November 13".
        if t.is_any(p1, &["on", "in"]) {
            let mut q = p1.s;
            for _ in 0..12 {
                let Some(tk) = t.prev(q) else { break };
                if tk.s < floor || t.is_clause_break(tk) {
                    break;
                }
                if t.is(tk, "since") {
                    x.role = Role::Since;
                    return;
                }
                q = tk.s;
            }
        }
        // "will … on Friday".
        let relative = match x.core {
            Core::Date { y, .. } | Core::Month { y, .. } => matches!(y, YearSpec::Unknown),
            Core::Weekday { modifier, .. } => modifier == WeekdayMod::Plain,
            Core::DayOffset(0) => true,
            Core::Anchor(i) => {
                matches!(
                    self.lx.anchors[i].value,
                    crate::lexicon::AnchorValue::Annual { .. }
                )
            }
            _ => false,
        };
        if relative {
            match self.future_cue_before(x.s, 0) {
                Some(true) => x.role = Role::Future,
                // "said the talks would start on Feb. 3": whichever is closer to D.
                Some(false) => x.nearest = true,
                None => {}
            }
        }
    }

    /// "four years" before an after/before word `p1`: (n, unit, start).
    fn shift_before(&self, p1: Tok, floor: usize) -> Option<(i64, Unit, usize)> {
        let t = &self.t;
        let u = t.prev(p1.s).filter(|u| u.s >= floor)?;
        let unit = unit_of(t, u)?;
        let n = t.prev(u.s).filter(|n| n.s >= floor)?;
        // "the day after the coup".
        if unit == Unit::Day && t.is(n, "the") && t.is(u, "day") {
            return Some((1, unit, n.s));
        }
        let (k, ns) = self.number_before(u.s, floor)?;
        // "for seven years before the coup" is a duration.
        if t.prev(ns).is_some_and(|f| t.is_any(f, &["for", "over"])) {
            return None;
        }
        Some((k, unit, ns))
    }

    /// The number that ends right before `p`: "four", "30", "twenty-one",
    /// "a": its value and start.
    fn number_before(&self, p: usize, floor: usize) -> Option<(i64, usize)> {
        let t = &self.t;
        let n = t.prev(p).filter(|n| n.s >= floor)?;
        let k = self.lx.number(t.str(n))?;
        // "twenty-one".
        if let Some(dash) = t.prev(n.s).filter(|d| d.e == n.s && t.str(*d) == "-") {
            if let Some(tens) = t.prev(dash.s).filter(|x| x.e == dash.s && x.s >= floor) {
                if let Some(v) = self
                    .lx
                    .number(t.str(tens))
                    .filter(|v| *v >= 20 && v % 10 == 0 && t.is_word(tens) && !t.is_digits(tens))
                {
                    return (k < 10).then_some((v + k, tens.s));
                }
            }
            return None;
        }
        Some((k, n.s))
    }

    /// True when `'s` follows at `p` ("Tuesday's strike").
    fn possessive_after(&self, p: usize) -> bool {
        let t = &self.t;
        if let Some(a) = t.next(p) {
            if a.s == p && matches!(t.str(a), "'" | "’") {
                if let Some(s) = t.next(a.e) {
                    return s.s == a.e && t.is(s, "s");
                }
            }
        }
        false
    }

    /// A future cue ("will", "due to", …) earlier in the same clause.
    fn future_cue_before(&self, s: usize, floor: usize) -> Option<bool> {
        let t = &self.t;
        let mut toks: Vec<Tok> = Vec::with_capacity(12);
        let mut q = s;
        for _ in 0..12 {
            let Some(tk) = t.prev(q) else { break };
            if tk.s < floor || t.is_clause_break(tk) {
                break;
            }
            toks.push(tk);
            q = tk.s;
        }
        toks.reverse();
        let mut weak = false;
        for i in 0..toks.len() {
            for (cue, strong) in &self.lx.future {
                if i + cue.len() > toks.len() {
                    continue;
                }
                if cue.iter().enumerate().all(|(k, w)| t.is(toks[i + k], w)) {
                    if cue.len() == 1
                        && cue[0] == "will"
                        && i > 0
                        && t.is_any(toks[i - 1], WILL_NOUN_BEFORE)
                    {
                        continue;
                    }
                    // "was expected to arrive on Monday": a past plan.
                    if cue[0] != "will"
                        && i > 0
                        && t.is_any(toks[i - 1], &["was", "were", "had", "been"])
                    {
                        continue;
                    }
                    if *strong {
                        return Some(true);
                    }
                    weak = true;
                }
            }
        }
        weak.then_some(false)
    }

    /// A piece starting at token `tok`.
    fn piece_at(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        let w = t.str(tok);
        if t.is_digits(tok) || t.day_value(tok).is_some() {
            return self.digits(tok);
        }
        if !t.is_word(tok) {
            return None;
        }
        if self.lx.month(w).is_some() || self.lx.month_abbr(w).is_some() {
            return self.month(tok);
        }
        if self.lx.weekday(w).is_some() {
            return self.weekday(tok);
        }
        self.relative(tok)
    }

    /// An anchor starting exactly at `p`: (index, end).
    fn anchor_at(&self, p: usize) -> Option<(usize, usize)> {
        let m = self.lx.ac.find(
            Input::new(self.t.s)
                .span(p..self.t.s.len())
                .anchored(Anchored::Yes),
        )?;
        match self.lx.triggers[m.pattern().as_usize()] {
            Trigger::Anchor(i) if self.t.boundary(m.end()) => Some((i, m.end())),
            _ => None,
        }
    }

    /// "3 December", "24 June 2023", "the 3rd of December" when `mtok` is the month.
    fn day_first_before(&self, mtok: Tok) -> Option<Piece> {
        let t = &self.t;
        let mut p = t.prev(mtok.s)?;
        if t.is(p, "of") {
            p = t.prev(p.s)?;
        }
        let d = t.day_value(p)?;
        // "3-5 December": a range of days.
        if let Some(dash) = t
            .prev(p.s)
            .filter(|x| x.e == p.s && matches!(t.str(*x), "-" | "–"))
        {
            if let Some(p0) = t.prev(dash.s).filter(|x| x.e == dash.s) {
                if let Some(d0) = t.day_value(p0).filter(|d0| *d0 < d) {
                    let m = self.month_value(mtok)?;
                    if !t.is_capitalised(mtok) {
                        return None;
                    }
                    let (y, e) = self.year_after(self.month_token_end_after_day(mtok));
                    return Some(Piece {
                        to: Some((Core::Date { y, m, d }, Part::Whole)),
                        core: Core::Date { y, m, d: d0 },
                        part: Part::Whole,
                        s: p0.s,
                        e,
                    });
                }
            }
        }
        // "more than 3 December …" is not a date; a digit before is a list of numbers.
        if let Some(pp) = t.prev(p.s) {
            if t.is_digits(pp) || t.str(pp) == "," && t.prev(pp.s).is_some_and(|x| t.is_digits(x)) {
                return None;
            }
        }
        let m = self.month_value(mtok)?;
        if !t.is_capitalised(mtok) {
            return None;
        }
        let mut e = self.month_token_end_after_day(mtok);
        let (y, ye) = self.year_after(e);
        e = ye;
        let e = self.daypart_after(e);
        Some(Piece {
            to: None,
            core: Core::Date { y, m, d },
            part: Part::Whole,
            s: p.s,
            e,
        })
    }

    fn month_value(&self, tok: Tok) -> Option<u32> {
        let w = self.t.str(tok);
        self.lx.month(w).or_else(|| self.lx.month_abbr(w))
    }

    /// End of a month token after a day number ("5 Dec", "5 Dec."): the
    /// day already makes an abbreviation a month.
    fn month_token_end_after_day(&self, tok: Tok) -> usize {
        let t = &self.t;
        match t.next(tok.e) {
            Some(n) if n.s == tok.e && t.str(n) == "." && self.lx.month(t.str(tok)).is_none() => {
                n.e
            }
            _ => tok.e,
        }
    }

    /// End of a month token with its abbreviation period ("Dec.").
    fn month_token_end(&self, tok: Tok) -> Option<usize> {
        let t = &self.t;
        let w = t.str(tok);
        if self.lx.month(w).is_some() {
            return Some(tok.e);
        }
        // Abbreviation: needs a period or a day number after it.
        let n = t.next(tok.e)?;
        if n.s == tok.e && t.str(n) == "." {
            return Some(n.e);
        }
        if t.day_value(n).is_some() {
            return Some(tok.e);
        }
        None
    }

    /// A year after a date: ", 2023", " 2023", "last year", "of this year".
    fn year_after(&self, e: usize) -> (YearSpec, usize) {
        let t = &self.t;
        let Some(n) = t.next(e) else {
            return (YearSpec::Unknown, e);
        };
        let n2 = if t.str(n) == "," {
            t.next(n.e)
        } else {
            Some(n)
        };
        if let Some(n2) = n2 {
            if let Some(y) = t.year_value(n2) {
                if !self.is_count_after(n2.e) {
                    return (YearSpec::Abs(y), n2.e);
                }
            }
        }
        let (k, ke) = if t.is(n, "of") {
            (t.next(n.e), true)
        } else {
            (Some(n), false)
        };
        if let Some(k) = k {
            if let Some(yw) = t.next(k.e) {
                if t.is(yw, "year") {
                    let rel = if t.is(k, "last") {
                        Some(-1)
                    } else if t.is(k, "this") {
                        Some(0)
                    } else if t.is(k, "next") {
                        Some(1)
                    } else {
                        None
                    };
                    if let Some(r) = rel {
                        return (YearSpec::Rel(r), yw.e);
                    }
                }
            }
            if ke {
                if let Some(y) = t.year_value(k) {
                    return (YearSpec::Abs(y), k.e);
                }
            }
        }
        (YearSpec::Unknown, e)
    }

    /// True when a count noun follows ("2000 soldiers", "12 people").
    fn is_count_after(&self, e: usize) -> bool {
        let t = &self.t;
        match t.next(e) {
            Some(n) => {
                let w = t.str(n);
                self.lx.is_count_noun(w) || w == "%" || w == "-" || w == "–"
            }
            None => false,
        }
    }

    /// Extends over "night", "morning", … right after a day.
    fn daypart_after(&self, e: usize) -> usize {
        let t = &self.t;
        match t.next(e) {
            Some(n) if self.lx.is_daypart(t.str(n)) => n.e,
            _ => e,
        }
    }

    /// A month token: "December 3", "Dec. 3, 2023", "November 2023", "in November".
    fn month(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        if !t.is_capitalised(tok) {
            return None;
        }
        let m = self.month_value(tok)?;
        let me = self.month_token_end(tok)?;
        let mut s = tok.s;
        // Day after the month.
        if let Some(n) = t.next(me) {
            if let Some(d) = t.day_value(n) {
                let after_day = t.next(n.e);
                // "December 3-5", "Nov. 11–12, 2023": a range of days.
                if let Some(dash) =
                    after_day.filter(|a| a.s == n.e && matches!(t.str(*a), "-" | "–"))
                {
                    if let Some(n2) = t.next(dash.e).filter(|b| b.s == dash.e) {
                        if let Some(d2) = t.day_value(n2).filter(|d2| *d2 > d) {
                            if !t
                                .next(n2.e)
                                .is_some_and(|x| x.s == n2.e && matches!(t.str(x), "-" | "–"))
                            {
                                let (y, ye) = self.year_after(n2.e);
                                return Some(Piece {
                                    to: Some((Core::Date { y, m, d: d2 }, Part::Whole)),
                                    core: Core::Date { y, m, d },
                                    part: Part::Whole,
                                    s,
                                    e: ye,
                                });
                            }
                        }
                    }
                }
                let glued = after_day
                    .is_some_and(|a| a.s == n.e && matches!(t.str(a), "-" | "–" | ":" | "/" | "."))
                    && after_day
                        .and_then(|a| t.next(a.e))
                        .is_some_and(|b| t.is_digits(b));
                if !glued && !self.is_count_after(n.e) {
                    let (y, ye) = self.year_after(n.e);
                    let e = self.daypart_after(ye);
                    // "Tuesday, December 3": the weekday is part of it.
                    if let Some(c) = t.prev(s).filter(|c| t.str(*c) == ",") {
                        if let Some(wd) = t.prev(c.s) {
                            if self.lx.weekday(t.str(wd)).is_some() && t.is_capitalised(wd) {
                                s = wd.s;
                            }
                        }
                    }
                    return Some(Piece {
                        to: None,
                        core: Core::Date { y, m, d },
                        part: Part::Whole,
                        s,
                        e,
                    });
                }
            }
        }
        // A month with a year or alone.
        let (mut y, e) = self.year_after(me);
        let strong = self.lx.month(t.str(tok)).is_some() && !matches!(m, 3 | 5);
        let prev = t.prev(tok.s);
        let prev_temporal = prev.is_some_and(|p| t.is_any(p, TEMPORAL_PREPS) || t.str(p) == "-");
        if !(strong || prev_temporal || matches!(y, YearSpec::Abs(_))) {
            return None;
        }
        // "in May Thu's village": May is also a given name.
        if m == 5 && y == YearSpec::Unknown && e == me {
            if let Some(n) = t.next(me) {
                if n.s > me && t.is_word(n) && t.is_capitalised(n) && self.month_value(n).is_none()
                {
                    return None;
                }
            }
        }
        let mut part = Part::Whole;
        if let Some(p) = prev {
            let pw = if t.str(p) == "-" {
                t.prev(p.s)
            } else {
                Some(p)
            };
            if let Some(pw) = pw {
                let mod_part = if t.is(pw, "early") {
                    Some(Part::Early)
                } else if t.is(pw, "mid") {
                    Some(Part::Mid)
                } else if t.is(pw, "late") {
                    Some(Part::Late)
                } else {
                    None
                };
                if let Some(mp) = mod_part {
                    part = mp;
                    s = pw.s;
                } else if y == YearSpec::Unknown && t.str(p) != "-" {
                    if t.is(p, "last") {
                        y = YearSpec::Last;
                        s = p.s;
                    } else if t.is(p, "next") {
                        y = YearSpec::Next;
                        s = p.s;
                    } else if t.is(p, "this") {
                        y = YearSpec::Rel(0);
                        s = p.s;
                    }
                }
            }
        }
        Some(Piece {
            to: None,
            core: Core::Month { y, m },
            part,
            s,
            e,
        })
    }

    /// A token of digits: a day before a month, a year, or an ISO date.
    fn digits(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        if let Some(y) = t.year_value(tok) {
            // ISO 2023-11-12.
            if let Some(d1) = t.next(tok.e).filter(|d| d.s == tok.e && t.str(*d) == "-") {
                let mm = t.next(d1.e).filter(|x| x.s == d1.e && x.e - x.s == 2)?;
                let d2 = t.next(mm.e).filter(|x| x.s == mm.e && t.str(*x) == "-")?;
                // The day, possibly glued to a time ("2023-11-12T10:00").
                let dd = t.next(d2.e).filter(|x| x.s == d2.e && x.e - x.s >= 2)?;
                let dd = Tok {
                    s: dd.s,
                    e: dd.s + 2,
                };
                if t.b
                    .get(dd.e)
                    .is_some_and(|b| b.is_ascii_alphanumeric() && *b != b'T')
                {
                    return None;
                }
                let m = t.digits_value(mm)? as u32;
                let d = t.digits_value(dd)? as u32;
                crate::calendar::ymd(y, m, d)?;
                return Some(Piece {
                    to: None,
                    core: Core::Date {
                        y: YearSpec::Abs(y),
                        m,
                        d,
                    },
                    part: Part::Whole,
                    s: tok.s,
                    e: dd.e,
                });
            }
            return self.year(tok, y);
        }
        // "24 June": a day before a month.
        let n = t.next(tok.e)?;
        let nn = if t.is(n, "of") { t.next(n.e)? } else { n };
        if t.is_word(nn) && self.month_value(nn).is_some() {
            return self.day_first_before(nn).filter(|p| p.s == tok.s);
        }
        None
    }

    /// A year in a temporal context: "in 2024", "since 2021", "mid-2023".
    fn year(&self, tok: Tok, y: i32) -> Option<Piece> {
        let t = &self.t;
        if let Some(a) = t.next(tok.e) {
            if a.s == tok.e
                && (t.is_word(a)
                    || matches!(t.str(a), "," | "." | "-")
                        && t.next(a.e).is_some_and(|b| b.s == a.e && t.is_digits(b)))
            {
                return None;
            }
        }
        if self.is_count_after(tok.e) {
            return None;
        }
        let p = t.prev(tok.s)?;
        let mut s = tok.s;
        let mut part = Part::Whole;
        if t.str(p) == "-" {
            let pw = t.prev(p.s)?;
            if !t.is(pw, "mid") {
                return None;
            }
            part = Part::Mid;
            s = pw.s;
        } else if t.is(p, "early") {
            part = Part::Early;
            s = p.s;
        } else if t.is(p, "late") {
            part = Part::Late;
            s = p.s;
        } else if t.is(p, "mid") {
            part = Part::Mid;
            s = p.s;
        } else if !t.is_any(
            p,
            &[
                "in",
                "since",
                "during",
                "by",
                "until",
                "till",
                "from",
                "through",
                "throughout",
                "before",
                "after",
                "between",
                "and",
                "to",
                "of",
            ],
        ) {
            return None;
        } else if t.is(p, "of")
            && t.prev(p.s).is_some_and(|q| {
                t.is_any(
                    q,
                    &[
                        "half", "quarter", "part", "rest", "course", "summer", "winter", "spring",
                        "autumn", "monsoon",
                    ],
                )
            })
        {
            // "the first half of 2024".
        } else if t.is_any(p, &["and", "or"])
            && t.prev(p.s).is_some_and(|q| t.year_value(q).is_some())
        {
            // "in 2023 and 2024".
        } else if t.is_any(p, &["and", "to", "of"]) && !self.in_range.get() {
            // Only as the end of a range or after "the end of" (handled there).
            return None;
        }
        Some(Piece {
            to: None,
            core: Core::Year { y },
            part,
            s,
            e: tok.e,
        })
    }

    /// A weekday: "on Tuesday", "Tuesday night", "last Tuesday", "Tuesday last week".
    fn weekday(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        if !t.is_capitalised(tok) {
            return None;
        }
        let wd = self.lx.weekday(t.str(tok))?;
        // "Tuesday, December 3": read the date.
        if let Some(c) = t.next(tok.e).filter(|c| t.str(*c) == ",") {
            if let Some(n) = t.next(c.e) {
                if t.is_word(n) && self.month_value(n).is_some() {
                    if let Some(mut p) = self.month(n) {
                        if matches!(p.core, Core::Date { .. }) {
                            p.s = tok.s;
                            return Some(p);
                        }
                    }
                }
                if t.day_value(n).is_some() {
                    if let Some(mut p) = self.digits(n) {
                        p.s = tok.s;
                        return Some(p);
                    }
                }
            }
        }
        let mut s = tok.s;
        let mut modifier = WeekdayMod::Plain;
        if let Some(p) = t.prev(tok.s) {
            if t.is(p, "last") {
                modifier = WeekdayMod::Last;
                s = p.s;
            } else if t.is(p, "next") {
                modifier = WeekdayMod::Next;
                s = p.s;
            } else if t.is(p, "this") {
                modifier = WeekdayMod::This;
                s = p.s;
            }
        }
        let mut e = self.daypart_after(tok.e);
        if modifier == WeekdayMod::Plain {
            if let Some(a) = t.next(e) {
                if let Some(b) = t.next(a.e).filter(|b| t.is(*b, "week")) {
                    if t.is(a, "last") {
                        modifier = WeekdayMod::PrevWeek;
                        e = b.e;
                    } else if t.is(a, "next") {
                        modifier = WeekdayMod::NextWeek;
                        e = b.e;
                    }
                }
            }
        }
        Some(Piece {
            to: None,
            core: Core::Weekday { wd, modifier },
            part: Part::Whole,
            s,
            e,
        })
    }

    /// Relative words: yesterday, this month, last week, earlier this month, ….
    fn relative(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        let w = t.str(tok).to_ascii_lowercase();
        let next = t.next(tok.e);
        let s = tok.s;
        let one = |core: Core, e: usize| {
            Some(Piece {
                to: None,
                core,
                part: Part::Whole,
                s,
                e,
            })
        };
        match w.as_str() {
            "yesterday" => one(Core::DayOffset(-1), self.daypart_after(tok.e)),
            "today" | "tonight" => one(Core::DayOffset(0), tok.e),
            "tomorrow" => one(Core::DayOffset(1), self.daypart_after(tok.e)),
            "this" | "last" | "next" => {
                let n = next?;
                let nw = t.str(n).to_ascii_lowercase();
                let after_the = t.prev(tok.s).is_some_and(|p| t.is(p, "the"));
                // "this past weekend", "this past week".
                if w == "this" && nw == "past" {
                    let u = t.next(n.e)?;
                    if t.is(u, "weekend") {
                        return one(Core::Weekend(0), u.e);
                    }
                    if t.is(u, "week") {
                        return one(
                            Core::Past {
                                unit: Unit::Week,
                                n: 1,
                            },
                            u.e,
                        );
                    }
                    return None;
                }
                let k = match w.as_str() {
                    "this" => 0,
                    "last" => -1,
                    _ => 1,
                };
                match nw.as_str() {
                    "morning" | "afternoon" | "evening" if k == 0 => one(Core::DayOffset(0), n.e),
                    "night" if k == -1 => one(Core::DayOffset(-1), n.e),
                    "day" | "morning" | "afternoon" | "evening" | "night" if k == 1 => {
                        let s0 = if after_the { t.prev(tok.s)?.s } else { s };
                        Some(Piece {
                            to: None,
                            core: Core::RelPrev(1),
                            part: Part::Whole,
                            s: s0,
                            e: n.e,
                        })
                    }
                    "week" | "month" | "year" if after_the && k == -1 => {
                        // "the last week of March" is a part of March, left to the month.
                        if t.next(n.e).is_some_and(|o| t.is(o, "of")) {
                            return None;
                        }
                        let unit = unit_of(t, n)?;
                        Some(Piece {
                            to: None,
                            core: Core::Past { unit, n: 1 },
                            part: Part::Whole,
                            s: t.prev(tok.s)?.s,
                            e: n.e,
                        })
                    }
                    "week" => one(Core::Week(k), n.e),
                    "weekend" => one(Core::Weekend(k), n.e),
                    "month" => one(Core::MonthRel(k), n.e),
                    "year" => one(Core::YearRel(k), n.e),
                    _ if after_the && k == -1 => self.past_n(t.prev(tok.s)?.s, n),
                    _ => None,
                }
            }
            "earlier" | "later" => {
                let n = next?;
                let future = w == "later";
                if t.is_any(n, &["today", "tonight"]) {
                    return one(Core::DayOffset(0), n.e);
                }
                // "later that day", "earlier that morning": the day mentioned before.
                if t.is(n, "that") {
                    let u = t.next(n.e)?;
                    if t.is_any(u, &["day", "morning", "afternoon", "evening", "night"]) {
                        return one(Core::RelPrev(0), u.e);
                    }
                    return None;
                }
                let unit_tok = if t.is(n, "this") {
                    t.next(n.e)
                } else if t.is(n, "in") {
                    t.next(n.e)
                        .filter(|x| t.is(*x, "the"))
                        .and_then(|x| t.next(x.e))
                } else {
                    None
                }?;
                if t.is_any(unit_tok, &["morning", "afternoon", "evening"]) && t.is(n, "this") {
                    return one(Core::DayOffset(0), unit_tok.e);
                }
                let unit = match unit_of(t, unit_tok)? {
                    Unit::Day => return None,
                    u => u,
                };
                if !t.is_any(unit_tok, &["week", "month", "year"]) {
                    return None;
                }
                one(
                    if future {
                        Core::Rest(unit)
                    } else {
                        Core::SoFar(unit)
                    },
                    unit_tok.e,
                )
            }
            "past" => {
                let the = t.prev(tok.s).filter(|p| t.is(*p, "the"))?;
                let n = next?;
                if let Some(unit) =
                    unit_of(t, n).filter(|_| t.is_any(n, &["week", "month", "year"]))
                {
                    return Some(Piece {
                        to: None,
                        core: Core::Past { unit, n: 1 },
                        part: Part::Whole,
                        s: the.s,
                        e: n.e,
                    });
                }
                self.past_n(the.s, n)
            }
            "following" | "previous" => {
                let the = t.prev(tok.s).filter(|p| t.is(*p, "the"))?;
                let n = next?;
                if !t.is_any(n, &["day", "morning", "afternoon", "evening", "night"]) {
                    return None;
                }
                let k = if w == "following" { 1 } else { -1 };
                Some(Piece {
                    to: None,
                    core: Core::RelPrev(k),
                    part: Part::Whole,
                    s: the.s,
                    e: n.e,
                })
            }
            "within" => {
                let n = next?;
                let k = self.lx.number(t.str(n))?;
                let u = t.next(n.e)?;
                let unit = unit_of(t, u)?;
                if t.next(u.e).is_some_and(|o| t.is(o, "of")) {
                    return None;
                }
                one(Core::Within { unit, n: k }, u.e)
            }
            "the" => self.the_phrase(tok),
            "weekend" => {
                // "over the weekend", "at the weekend".
                let the = t.prev(tok.s).filter(|p| t.is(*p, "the"))?;
                let prep = t.prev(the.s)?;
                if !t.is_any(prep, &["over", "at", "during", "on", "since"]) {
                    return None;
                }
                Some(Piece {
                    to: None,
                    core: Core::Weekend(0),
                    part: Part::Whole,
                    s: the.s,
                    e: tok.e,
                })
            }
            _ => None,
        }
    }

    /// "the past two weeks" / "the last 30 days": `n` is the number token.
    fn past_n(&self, s: usize, n: Tok) -> Option<Piece> {
        let t = &self.t;
        let k = self.lx.number(t.str(n))?;
        let u = t.next(n.e)?;
        let unit = unit_of(t, u)?;
        Some(Piece {
            to: None,
            core: Core::Past { unit, n: k },
            part: Part::Whole,
            s,
            e: u.e,
        })
    }

    /// "the end of the month", "the start of the year", "the same day",
    /// "the day before (yesterday)".
    fn the_phrase(&self, the: Tok) -> Option<Piece> {
        let t = &self.t;
        let w1 = t.next(the.e)?;
        let w2 = t.next(w1.e)?;
        let s = the.s;
        if t.is(w1, "same") && t.is(w2, "day") {
            return Some(Piece {
                to: None,
                core: Core::RelPrev(0),
                part: Part::Whole,
                s,
                e: w2.e,
            });
        }
        if t.is(w1, "day") && t.is(w2, "before") {
            let n = t.next(w2.e);
            if let Some(n) = n.filter(|n| t.is(*n, "yesterday")) {
                return Some(Piece {
                    to: None,
                    core: Core::DayOffset(-2),
                    part: Part::Whole,
                    s,
                    e: n.e,
                });
            }
            if n.is_none() || n.is_some_and(|n| t.is_clause_break(n)) {
                return Some(Piece {
                    to: None,
                    core: Core::RelPrev(-1),
                    part: Part::Whole,
                    s,
                    e: w2.e,
                });
            }
            return None;
        }
        if !t.is(w2, "of") {
            return None;
        }
        let part = if t.is(w1, "end") {
            Part::End
        } else if t.is_any(w1, &["start", "beginning", "turn"]) {
            Part::Start
        } else if t.is(w1, "middle") {
            Part::Mid
        } else {
            return None;
        };
        let x = t.next(w2.e)?;
        // the month / the year / the week
        if t.is_any(x, &["the", "this"]) {
            if let Some(u) = t.next(x.e) {
                let core = if t.is(u, "month") {
                    Some(Core::MonthRel(0))
                } else if t.is(u, "year") {
                    Some(Core::YearRel(0))
                } else if t.is(u, "week") {
                    Some(Core::Week(0))
                } else {
                    None
                };
                if let Some(core) = core {
                    return Some(Piece {
                        to: None,
                        core,
                        part,
                        s,
                        e: u.e,
                    });
                }
            }
        }
        if let Some(y) = t.year_value(x) {
            if !self.is_count_after(x.e) {
                return Some(Piece {
                    to: None,
                    core: Core::Year { y },
                    part,
                    s,
                    e: x.e,
                });
            }
        }
        if let Some((i, e)) = self.anchor_at(x.s) {
            return Some(Piece {
                to: None,
                core: Core::Anchor(i),
                part: Part::Whole,
                s,
                e,
            });
        }
        let inner = self.piece_at(x)?;
        match inner.core {
            Core::Month { .. }
            | Core::MonthRel(_)
            | Core::YearRel(_)
            | Core::Year { .. }
            | Core::Week(_) => Some(Piece {
                to: None,
                core: inner.core,
                part,
                s,
                e: inner.e,
            }),
            _ => None,
        }
    }

    /// "four days later", "two days earlier", "two years ago" when `tok` is
    /// the last word.
    fn backward_offset(&self, tok: Tok) -> Option<Piece> {
        let t = &self.t;
        let w = t.str(tok).to_ascii_lowercase();
        if !matches!(w.as_str(), "ago" | "later" | "earlier") {
            return None;
        }
        let u = t.prev(tok.s)?;
        let unit = unit_of(t, u)?;
        let (k, ns) = self.number_before(u.s, 0)?;
        if k <= 0 || k > 1000 {
            return None;
        }
        let core = match (w.as_str(), unit) {
            ("ago", _) => Core::Ago { unit, n: k },
            (_, Unit::Day) => Core::RelPrev(if w == "later" { k } else { -k }),
            (_, Unit::Week) => Core::RelPrev(if w == "later" { 7 * k } else { -7 * k }),
            _ => return None,
        };
        Some(Piece {
            to: None,
            core,
            part: Part::Whole,
            s: ns,
            e: tok.e,
        })
    }

    /// A named anchor at `ms..me` when the context makes it a time.
    fn anchor(&self, i: usize, ms: usize, me: usize, floor: usize) -> Option<Expr> {
        let t = &self.t;
        let a = &self.lx.anchors[i];
        let mut p1 = t.prev(ms).filter(|p| p.s >= floor)?;
        // "since the Operation 1027 offensive began".
        if t.is(p1, "the") {
            p1 = t.prev(p1.s).filter(|p| p.s >= floor)?;
        }
        // "the third anniversary of the coup": (years, start of the phrase).
        let mut anniversary: Option<(i64, usize)> = None;
        let ok = match a.context {
            AnchorContext::Prep => {
                if t.is_any(p1, ANCHOR_PREPS) {
                    true
                } else if t.is(p1, "of") {
                    match t.prev(p1.s) {
                        Some(p2) if t.is(p2, "anniversary") => {
                            let o = t.prev(p2.s).filter(|o| o.s >= floor);
                            match o.and_then(|o| self.lx.ordinal(t.str(o)).map(|n| (n, o))) {
                                Some((n, o)) => {
                                    let s0 = t
                                        .prev(o.s)
                                        .filter(|x| x.s >= floor && t.is(*x, "the"))
                                        .map_or(o.s, |x| x.s);
                                    anniversary = Some((n, s0));
                                    true
                                }
                                None => false,
                            }
                        }
                        Some(p2) => t.is_any(
                            p2,
                            &[
                                "ahead",
                                "eve",
                                "launch",
                                "outbreak",
                                "up",
                                "start",
                                "beginning",
                                "onset",
                                "wake",
                                "aftermath",
                            ],
                        ),
                        None => false,
                    }
                } else {
                    false
                }
            }
            AnchorContext::Near => self.since_word_before(ms, 3, floor).is_some(),
        };
        if !ok {
            return None;
        }
        // "since Operation 1027 was launched … on October 27": the explicit date wins.
        let mut q = me;
        for _ in 0..14 {
            let Some(tk) = t.next(q) else { break };
            if t.is_clause_break(tk) {
                break;
            }
            if t.is(tk, "on") {
                if let Some(n) = t.next(tk.e) {
                    if let Some(p) = self.piece_at(n) {
                        if matches!(p.core, Core::Date { .. }) {
                            return None;
                        }
                    }
                }
            }
            q = tk.e;
        }
        // "… began", "… offensive was launched".
        let mut e = me;
        let mut q = me;
        if let Some(n) = t
            .next(q)
            .filter(|n| t.is_any(*n, &["offensive", "operation", "campaign"]))
        {
            q = n.e;
        }
        if let Some(n) = t.next(q) {
            let v = if t.is_any(n, &["was", "were", "had"]) {
                t.next(n.e)
            } else {
                Some(n)
            };
            if let Some(v) = v.filter(|v| t.is_any(*v, ANCHOR_VERBS)) {
                e = v.e;
                if t.is(v, "kicked") {
                    if let Some(o) = t.next(v.e).filter(|o| t.is(*o, "off")) {
                        e = o.e;
                    }
                }
            }
        }
        let piece = Piece {
            to: None,
            core: Core::Anchor(i),
            part: Part::Whole,
            s: ms,
            e,
        };
        let mut x = self.finish(piece, floor)?;
        if let Some((n, s0)) = anniversary {
            x.shift = Some((n, Unit::Year));
            x.exact_shift = true;
            x.s = s0;
            x.role = Role::At;
        } else if x.role == Role::At && x.shift.is_none() {
            // "since the military seized power", "since the launch of Operation 1027".
            if let Some((tk, role)) = self.since_word_before(ms, 4, floor) {
                x.role = role;
                x.s = tk.s;
            }
        }
        Some(x)
    }

    /// since/after/before at most `n` words before `p` in the same clause.
    fn since_word_before(&self, p: usize, n: usize, floor: usize) -> Option<(Tok, Role)> {
        let t = &self.t;
        let mut q = p;
        for _ in 0..n {
            let tk = t.prev(q)?;
            if tk.s < floor || t.is_clause_break(tk) {
                return None;
            }
            if t.is_any(tk, &["since", "after"]) {
                return Some((tk, Role::Since));
            }
            if t.is(tk, "before") {
                return Some((tk, Role::Before));
            }
            q = tk.s;
        }
        None
    }
}
