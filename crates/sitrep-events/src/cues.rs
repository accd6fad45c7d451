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

const NEGATION: &[&str] = &[
    "not ", "n't ", "no ", "never ", "neither", "nor ", "without ", "denied", "deny", "denies",
];

/// Start of the clause containing `pos` in `lower` (a lowercased sentence).
pub fn clause_start(lower: &str, pos: usize) -> usize {
    let head = &lower[..pos];
    let mut start = 0;
    for pat in [
        ", ",
        "; ",
        ": ",
        " but ",
        " while ",
        " whereas ",
        " although ",
        "“",
        "\"",
    ] {
        if let Some(p) = head.rfind(pat) {
            start = start.max(p + pat.len());
        }
    }
    start
}

/// Does something in the clause before the trigger block it from being an event?
pub fn blocked(lower: &str, trig_start: usize, trig_end: usize) -> Option<Block> {
    if LEGAL.iter().any(|c| lower.contains(c)) {
        return Some(Block::Legal);
    }
    let cs = clause_start(lower, trig_start);
    let before = &lower[cs..trig_start];
    let near = tail_words(&lower[..trig_start], 6);
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
    {
        return Some(Block::Infinitive);
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
    if before.contains("according to")
        || before.contains("which tracks")
        || before.contains("that tracks")
        || before.contains("that monitors")
    {
        return Some(Block::Source);
    }
    if CALL.iter().any(|c| before.contains(c)) {
        return Some(Block::Call);
    }
    // Negation binds to the verb group right before the trigger ("did not
    // surrender", "was not an amnesty"), not to an earlier verb ("men who
    // could not flee were burned"); "how many … had surrendered" is unknown.
    let wide = tail_words(before, 2);
    if NEGATION.iter().any(|c| wide.contains(c))
        || before.contains("how many")
        || before.contains("whether")
        || before.contains("denied that")
    {
        return Some(Block::Negated);
    }
    let narrow = tail_words(before, 3);
    if HYPOTHETICAL.iter().any(|c| narrow.contains(c)) {
        return Some(Block::Hypothetical);
    }
    // "… had been planning this for months"
    let after = &lower[trig_end..];
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
    fn tail_words_counts_words() {
        assert_eq!(tail_words("a b c d e f", 3), "d e f");
        assert_eq!(tail_words("urged them to ", 2), "them to ");
    }
}
