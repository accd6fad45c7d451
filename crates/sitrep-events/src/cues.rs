//! Context cues around a trigger: negation, hypotheticals, calls, legal rules,
//! relative clauses, aggregates. All work on ASCII-lowercased sentence text so
//! that byte offsets stay valid.

/// Why a trigger does not report a happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Negated,
    Hypothetical,
    Call,
    Legal,
    RelativeClause,
    Infinitive,
    Source,
    Opposed,
}

impl Block {
    pub fn as_str(self) -> &'static str {
        match self {
            Block::Negated => "negated",
            Block::Hypothetical => "hypothetical or planned",
            Block::Call => "a call, threat or invitation",
            Block::Legal => "a legal rule or penalty",
            Block::RelativeClause => "a relative clause about people (who had …)",
            Block::Infinitive => "an infinitive (purpose or intention)",
            Block::Source => "part of the description of a source",
            Block::Opposed => "what a protest or statement is against (\"against the draft\")",
        }
    }
}

const LEGAL: &[&str] = &[
    "punishable",
    "can bring",
    "could face",
    "face up to",
    "faces up to",
    "face trial",
    "death penalty",
    "penal code",
    "is an offence",
    "is a crime",
    "would be tried",
    "will be tried",
    "be charged",
];

const CALL: &[&str] = &[
    "urged",
    "urging",
    "called on",
    "calling on",
    "called for",
    "calls on",
    "appealed",
    "asked",
    "asking",
    "invited",
    "inviting",
    "encouraged",
    "encouraging",
    "warned",
    "warning",
    "demanded",
    "threatened",
    "ordered",
    "promised",
    "offered a reward",
];

const HYPOTHETICAL: &[&str] = &[
    "will ",
    "would ",
    "could ",
    "may ",
    "might ",
    "plan to",
    "plans to",
    "planned to",
    "planning to",
    "can ",
    "cannot ",
    "due to",
    "is expected",
    "are expected",
    "intend",
    "if ",
    "unless ",
    "should ",
    "fear",
    "feared",
    "risk ",
    "ready to",
];

/// Verbs that make the infinitive after them a happening ("forced 5,000
/// residents to flee", "were forced to surrender").
const FORCING: &[&str] = &[
    "forced ",
    "forcing ",
    "forces ",
    "force ",
    "compelled ",
    "compelling ",
    "prompted ",
    "prompting ",
    "caused ",
    "causing ",
    "driven ",
    "drove ",
];

const NEGATION: &[&str] = &[
    "not ", "n't ", "no ", "never ", "neither", "nor ", "without ", "denied", "deny", "denies",
];

/// Patterns that end a clause, for [`clause_start`].
const CLAUSE_BREAKS: &[&str] = &[
    ", ",
    "; ",
    ": ",
    " but ",
    " while ",
    " whereas ",
    " although ",
    "“",
    "\"",
];

/// Phrases that put a trigger in the description of a source.
const SOURCE: &[&str] = &[
    "according to",
    "which tracks",
    "that tracks",
    "that monitors",
];

/// Phrases that make a happening unknown ("how many … had surrendered").
const UNKNOWN: &[&str] = &["how many", "whether", "denied that"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Legal,
    Call,
    Hypothetical,
    Negation,
    Break,
    Source,
    Unknown,
}

/// Every cue phrase of every class in one automaton.
struct Automaton {
    ac: aho_corasick::AhoCorasick,
    class: Vec<Class>,
}

fn automaton() -> &'static Automaton {
    static A: std::sync::OnceLock<Automaton> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        let mut pats: Vec<&str> = Vec::new();
        let mut class = Vec::new();
        for (list, c) in [
            (LEGAL, Class::Legal),
            (CALL, Class::Call),
            (HYPOTHETICAL, Class::Hypothetical),
            (NEGATION, Class::Negation),
            (CLAUSE_BREAKS, Class::Break),
            (SOURCE, Class::Source),
            (UNKNOWN, Class::Unknown),
        ] {
            for p in list {
                pats.push(p);
                class.push(c);
            }
        }
        let ac = aho_corasick::AhoCorasick::new(&pats).expect("cue phrases build an automaton");
        Automaton { ac, class }
    })
}

/// The cue phrases of one lowercased sentence, found once (every occurrence,
/// overlapping ones included), so that each trigger of the sentence asks about
/// its own windows without rescanning the text.
pub struct SentenceCues {
    /// (start, end, class), in order of end.
    hits: Vec<(usize, usize, Class)>,
}

impl SentenceCues {
    pub fn new(lower: &str) -> SentenceCues {
        let a = automaton();
        let mut hits: Vec<(usize, usize, Class)> =
            a.ac.find_overlapping_iter(lower)
                .map(|m| (m.start(), m.end(), a.class[m.pattern().as_usize()]))
                .collect();
        hits.sort_by_key(|h| (h.1, h.0));
        SentenceCues { hits }
    }

    /// Is a phrase of `class` wholly inside `[from, to)` (as `lower[from..to].contains`)?
    fn inside(&self, class: Class, from: usize, to: usize) -> bool {
        self.hits
            .iter()
            .any(|&(s, e, c)| c == class && s >= from && e <= to)
    }

    fn any(&self, class: Class) -> bool {
        self.hits.iter().any(|h| h.2 == class)
    }

    /// Start of the clause containing `pos`: just after the last clause break
    /// that ends at or before it.
    fn clause_start(&self, pos: usize) -> usize {
        self.hits
            .iter()
            .filter(|h| h.2 == Class::Break && h.1 <= pos)
            .map(|h| h.1)
            .max()
            .unwrap_or(0)
    }
}

/// Start of the clause containing `pos` in `lower` (a lowercased sentence).
pub fn clause_start(lower: &str, pos: usize) -> usize {
    SentenceCues::new(&lower[..pos]).clause_start(pos)
}

/// Does something in the clause before the trigger block it from being an event?
pub fn blocked(lower: &str, trig_start: usize, trig_end: usize) -> Option<Block> {
    blocked_in(&SentenceCues::new(lower), lower, trig_start, trig_end)
}

/// [`blocked`] with the sentence's cues found once for all its triggers.
pub fn blocked_in(
    cues: &SentenceCues,
    lower: &str,
    trig_start: usize,
    trig_end: usize,
) -> Option<Block> {
    if cues.any(Class::Legal) {
        return Some(Block::Legal);
    }
    let cs = cues.clause_start(trig_start);
    let before = &lower[cs..trig_start];
    let near = tail_words(&lower[..trig_start], 6);
    // "villagers who were unable to flee", "troops failed to capture the town".
    if [
        "unable to ",
        "failed to ",
        "fail to ",
        "fails to ",
        "not able to ",
    ]
    .iter()
    .any(|x| near.ends_with(x))
    {
        return Some(Block::Negated);
    }
    if near.ends_with("to ")
        && ![
            "due to ",
            "led to ",
            "went on to ",
            "managed to ",
            "able to ",
            "proceeded to ",
            "moved to ",
            "began to ",
            "started to ",
            "continued to ",
            "used to ",
        ]
        .iter()
        .any(|x| near.ends_with(x))
        && !FORCING.iter().any(|f| before.contains(f))
    {
        return Some(Block::Infinitive);
    }
    // "a protest against the draft": the object of opposition, not a happening.
    if [
        "against the ",
        "against ",
        "opposed to the ",
        "opposition to the ",
    ]
    .iter()
    .any(|x| near.ends_with(x))
    {
        return Some(Block::Opposed);
    }
    // "those detained", "those freed": people, not a happening.
    if near.ends_with("those ") || near.ends_with("anyone ") {
        return Some(Block::RelativeClause);
    }
    if near.ends_with("who ")
        || near.ends_with("who had ")
        || near.ends_with("who have ")
        || near.ends_with("who has ")
    {
        return Some(Block::RelativeClause);
    }
    if cues.inside(Class::Source, cs, trig_start) {
        return Some(Block::Source);
    }
    if cues.inside(Class::Call, cs, trig_start) {
        return Some(Block::Call);
    }
    // Negation binds to the verb group right before the trigger ("did not
    // surrender", "was not an amnesty"), not to an earlier verb ("men who
    // could not flee were burned"); "how many … had surrendered" is unknown.
    let wide = tail_words(before, 2);
    if cues.inside(Class::Negation, trig_start - wide.len(), trig_start)
        || cues.inside(Class::Unknown, cs, trig_start)
    {
        return Some(Block::Negated);
    }
    let narrow = tail_words(before, 3);
    if cues.inside(Class::Hypothetical, trig_start - narrow.len(), trig_start) {
        return Some(Block::Hypothetical);
    }
    // "… had been planning this for months"
    let after = &lower[trig_end..];
    // "under the conscription law": a law, not a happening.
    if [" law", " laws", " act ", " act,", " act."]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return Some(Block::Legal);
    }
    // "announced that conscription would be enforced": a trigger whose own verb is future.
    if [
        " would be ",
        " will be ",
        " would begin",
        " will begin",
        " would start",
        " will start",
    ]
    .iter()
    .any(|w| after.starts_with(w))
    {
        return Some(Block::Hypothetical);
    }
    if after.starts_with(" to ") && lower[..trig_start].ends_with("plans ") {
        return Some(Block::Hypothetical);
    }
    None
}

/// The last `n` words before the end of `s`, with a trailing space kept.
pub fn tail_words(s: &str, n: usize) -> &str {
    let mut count = 0;
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    // skip trailing spaces
    while i > 0 && bytes[i - 1] == b' ' {
        i -= 1;
    }
    while i > 0 {
        if bytes[i - 1] == b' ' {
            count += 1;
            if count == n {
                break;
            }
        }
        i -= 1;
    }
    let mut start = i;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Words that make a statement a summary over many happenings.
pub fn aggregate_cue(lower: &str) -> bool {
    [
        "across the country",
        "nationwide",
        "across myanmar",
        "in total",
        "so far",
        "since the coup",
        "since the start",
        "since the offensive",
        "since the beginning",
        "alone",
        "in recent weeks",
        "in recent months",
        "have been killed",
        "has cost",
    ]
    .iter()
    .any(|c| lower.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, trig: &str) -> Option<Block> {
        let lower = s.to_ascii_lowercase();
        let p = lower.find(trig).unwrap();
        blocked(&lower, p, p + trig.len())
    }

    #[test]
    fn blocks_calls_threats_laws_negations() {
        assert_eq!(
            check(
                "The group urged soldiers in the town to surrender.",
                "surrender"
            ),
            Some(Block::Infinitive)
        );
        assert_eq!(
            check(
                "Rebels called on troops to lay down arms and surrender now.",
                "surrender"
            ),
            Some(Block::Call)
        );
        assert_eq!(
            check(
                "Desertion is punishable by ten years in prison.",
                "desertion"
            ),
            Some(Block::Legal)
        );
        assert_eq!(
            check("It was not an amnesty, a guard said.", "amnesty"),
            Some(Block::Negated)
        );
        assert_eq!(
            check(
                "The order said those who had deserted must return.",
                "deserted"
            ),
            Some(Block::RelativeClause)
        );
        assert_eq!(
            check(
                "Officials said the camp will be burned next week.",
                "burned"
            ),
            Some(Block::Hypothetical)
        );
        assert_eq!(
            check("Forty soldiers surrendered on Monday.", "surrendered"),
            None
        );
        assert_eq!(
            check("Troops torched 30 houses, residents said.", "torched"),
            None
        );
    }

    #[test]
    fn forced_infinitives_are_happenings() {
        assert_eq!(
            check(
                "The shelling forced more than 5,000 residents of the town to flee their homes.",
                "flee"
            ),
            None
        );
        assert_eq!(
            check(
                "The garrison was forced to surrender on Friday.",
                "surrender"
            ),
            None
        );
        assert_eq!(
            check("The group hopes to seize the town soon.", "seize"),
            Some(Block::Infinitive)
        );
    }

    #[test]
    fn unable_and_failed_infinitives_did_not_happen() {
        assert_eq!(
            check(
                "They killed seven villagers who were unable to flee.",
                "flee"
            ),
            Some(Block::Negated)
        );
        assert_eq!(
            check("The troops failed to capture the bridge.", "capture"),
            Some(Block::Negated)
        );
        assert_eq!(
            check("Most residents were able to flee before the raid.", "flee"),
            None
        );
    }

    #[test]
    fn laws_and_what_protests_oppose_are_not_happenings() {
        assert_eq!(
            check("Students protested against the draft on Monday.", "draft"),
            Some(Block::Opposed)
        );
        assert_eq!(
            check(
                "Men were called up under the conscription law.",
                "conscription"
            ),
            Some(Block::Legal)
        );
    }

    #[test]
    fn a_trigger_with_a_future_verb_is_planned() {
        assert_eq!(
            check(
                "The regime announced that conscription would be enforced in the city.",
                "conscription"
            ),
            Some(Block::Hypothetical)
        );
    }

    #[test]
    fn tail_words_counts_words() {
        assert_eq!(tail_words("a b c d e f", 3), "d e f");
        assert_eq!(tail_words("urged them to ", 2), "them to ");
    }
}
