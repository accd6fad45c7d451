//! The geocoder stage: find place mentions in a document and resolve each with the
//! whole document as context.
//!
//! 1. Type-word anchors: "X Township", "X village", "X Prison", "X Region" … take the
//!    capitalised words before the type word as the name, known or not.
//! 2. A scan of the remaining capitalised words for the longest indexed name, with the
//!    gates that keep organisations ("Kachin Independence Army"), people ("Kyaw Ye
//!    Aung") and ethnonyms ("a Shan analyst") out.
//! 3. Names first met with a type word are found again when repeated bare.
//! 4. Resolution in three rounds (regions, then townships/towns/sites, then villages
//!    and unknown places), each using what the earlier rounds fixed in the same
//!    sentence ("… Taungoo Prison in Bago Region", "In Ramree Township, … village")
//!    and in the document.

use std::sync::OnceLock;

use sitrep_core::{Location, PlaceMention, PlacePrecision, Sentence, Span};

use crate::data::{Level, Place, Source, ADMIN1};
use crate::fxhash::{FxMap, FxSet};
use crate::names::{fold_into, gap, is_capitalised, tokenize, Gap, Token};
use crate::Gazetteer;

/// A type word that follows (or, with "of", precedes) a place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    Admin1,
    District,
    Township,
    Town,
    Village,
    VillageTract,
    Ward,
    Prison,
    Camp,
    University,
    Zone,
    Island,
}

impl TypeWord {
    /// `location.kind` of an unknown place named with this type word.
    fn kind(self) -> &'static str {
        match self {
            TypeWord::Admin1 => "admin1",
            TypeWord::District => "district",
            TypeWord::Township => "township",
            TypeWord::Town => "town",
            TypeWord::Village => "village",
            TypeWord::VillageTract => "village_tract",
            TypeWord::Ward => "ward",
            TypeWord::Prison => "prison",
            TypeWord::Camp => "camp",
            TypeWord::University => "university",
            TypeWord::Zone => "region",
            TypeWord::Island => "island",
        }
    }
    fn precision(self) -> PlacePrecision {
        match self {
            TypeWord::Admin1 => PlacePrecision::Admin1,
            TypeWord::District | TypeWord::Zone => PlacePrecision::District,
            TypeWord::Township => PlacePrecision::Township,
            TypeWord::Town => PlacePrecision::Town,
            _ => PlacePrecision::Site,
        }
    }
    /// Whether a name the gazetteer lacks is still a place with this type word.
    fn allows_unknown(self) -> bool {
        matches!(
            self,
            TypeWord::Village
                | TypeWord::VillageTract
                | TypeWord::Ward
                | TypeWord::Town
                | TypeWord::Township
                | TypeWord::Prison
                | TypeWord::Camp
                | TypeWord::University
        )
    }
    /// Site types: a known place before them becomes a site at that place.
    fn is_site(self) -> bool {
        matches!(
            self,
            TypeWord::Prison | TypeWord::Camp | TypeWord::University
        )
    }
    fn accepts(self, p: &Place) -> bool {
        use Level as L;
        match self {
            TypeWord::Admin1 => matches!(p.level, L::Admin1 | L::Admin1Part | L::Region),
            TypeWord::District => matches!(p.level, L::District),
            TypeWord::Township => matches!(p.level, L::Township),
            TypeWord::Town => matches!(p.level, L::Town | L::City),
            TypeWord::Village => matches!(p.level, L::Village | L::VillageTract),
            TypeWord::VillageTract => matches!(p.level, L::VillageTract | L::Village),
            TypeWord::Ward => matches!(p.level, L::Ward | L::Village),
            TypeWord::Prison => p.kind == "prison",
            TypeWord::Camp => p.kind.contains("camp"),
            TypeWord::University => p.kind == "university",
            TypeWord::Zone => matches!(p.level, L::District | L::Region | L::Admin1Part),
            TypeWord::Island => !matches!(p.level, L::Admin1 | L::Admin1Part | L::Country),
        }
    }
    /// Fallback levels when no candidate has the exact level ("Kawlin town" when only
    /// the township is known by that spelling).
    fn fallback(self, p: &Place) -> bool {
        match self {
            TypeWord::Town => matches!(p.level, Level::Township),
            TypeWord::Township => matches!(p.level, Level::Town),
            TypeWord::District => matches!(p.level, Level::Region),
            _ => false,
        }
    }
}

/// Type words, longest first.
const TYPE_WORDS: &[(&[&str], TypeWord)] = &[
    (&["self", "administered", "zone"], TypeWord::Zone),
    (&["self", "administered", "division"], TypeWord::Zone),
    (&["self", "administered", "area"], TypeWord::Zone),
    (&["village", "tract"], TypeWord::VillageTract),
    (&["village", "tracts"], TypeWord::VillageTract),
    (&["sub", "township"], TypeWord::Township),
    (&["idp", "camp"], TypeWord::Camp),
    (&["displacement", "camp"], TypeWord::Camp),
    (&["refugee", "camp"], TypeWord::Camp),
    (&["labour", "camp"], TypeWord::Camp),
    (&["labor", "camp"], TypeWord::Camp),
    (&["region"], TypeWord::Admin1),
    (&["regions"], TypeWord::Admin1),
    (&["state"], TypeWord::Admin1),
    (&["states"], TypeWord::Admin1),
    (&["division"], TypeWord::Admin1),
    (&["divisions"], TypeWord::Admin1),
    (&["district"], TypeWord::District),
    (&["districts"], TypeWord::District),
    (&["township"], TypeWord::Township),
    (&["townships"], TypeWord::Township),
    (&["town"], TypeWord::Town),
    (&["city"], TypeWord::Town),
    (&["village"], TypeWord::Village),
    (&["villages"], TypeWord::Village),
    (&["ward"], TypeWord::Ward),
    (&["quarter"], TypeWord::Ward),
    (&["prison"], TypeWord::Prison),
    (&["jail"], TypeWord::Prison),
    (&["camp"], TypeWord::Camp),
    (&["university"], TypeWord::University),
    (&["saz"], TypeWord::Zone),
    (&["island"], TypeWord::Island),
];

/// Capitalised words that may stand before a place without being part of its name.
const FUNCTION_WORDS: &[&str] = &[
    "in",
    "at",
    "on",
    "from",
    "near",
    "of",
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "since",
    "during",
    "after",
    "before",
    "around",
    "across",
    "outside",
    "inside",
    "to",
    "for",
    "with",
    "both",
    "also",
    "meanwhile",
    "while",
    "when",
    "further",
    "earlier",
    "later",
    "as",
    "by",
    "into",
    "over",
    "under",
    "between",
    "through",
    "throughout",
    "toward",
    "towards",
    "within",
    "if",
    "that",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "is",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "said",
    "says",
    "where",
    "which",
    "who",
    "than",
    "then",
    "about",
    "against",
    "along",
    "amid",
    "beyond",
    "via",
    "like",
    "unlike",
    "until",
    "last",
    "next",
    "every",
    "each",
    "all",
    "some",
    "many",
    "most",
    "several",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "yesterday",
    "today",
    "tonight",
    "residents",
    "villagers",
    "locals",
    "fighting",
    "clashes",
    "troops",
    "soldiers",
];

/// Words after which an ethnonym or common-word name is read as a place.
const LOCATIVE: &[&str] = &[
    "in",
    "across",
    "throughout",
    "into",
    "from",
    "to",
    "of",
    "near",
    "at",
    "around",
    "within",
    "outside",
    "inside",
    "toward",
    "towards",
    "via",
    "through",
    "entire",
    "and",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "neighbouring",
    "neighboring",
    "rural",
    "northernmost",
    "southernmost",
];

/// Direction words that may begin a regional label ("northern Shan").
const MODIFIERS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "upper",
    "lower",
];

/// Lower-case words that make an ethnonym before them an adjective, not a place.
const ETHNIC_NOUNS: &[&str] = &[
    "army",
    "armies",
    "group",
    "groups",
    "forces",
    "force",
    "fighters",
    "troops",
    "militia",
    "militias",
    "rebels",
    "resistance",
    "people",
    "peoples",
    "community",
    "communities",
    "refugees",
    "villagers",
    "civilians",
    "leaders",
    "leader",
    "politicians",
    "political",
    "analyst",
    "analysts",
    "language",
    "armed",
    "ethnic",
    "national",
    "nationalist",
    "party",
    "soldiers",
    "youth",
    "women",
    "men",
    "students",
    "monks",
    "activists",
    "organisations",
    "organizations",
    "organisation",
    "organization",
    "media",
    "news",
    "officials",
    "official",
    "authorities",
    "administration",
    "government",
    "council",
    "alliance",
    "side",
    "commander",
    "commanders",
    "spokesman",
    "spokesperson",
    "sources",
    "source",
    "residents",
    "allies",
    "insurgents",
    "movement",
    "revolution",
    "revolutionary",
    "defence",
    "defense",
];

/// Person titles and honorifics: a name after one is a person's.
const TITLES: &[&str] = &[
    "u",
    "daw",
    "ko",
    "ma",
    "maung",
    "mg",
    "saw",
    "naw",
    "sai",
    "nang",
    "mahn",
    "khun",
    "nant",
    "major",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "capt",
    "lt",
    "lieutenant",
    "sergeant",
    "sgt",
    "corporal",
    "private",
    "brigadier",
    "commander",
    "dr",
    "mr",
    "mrs",
    "ms",
    "minister",
    "president",
    "senior",
    "vice",
    "chairman",
    "spokesman",
    "abbot",
    "sayadaw",
    "bishop",
    "father",
    "pastor",
    "journalist",
];

/// Word-list flags of a folded word (see [`word_flags`]).
const FUNCTION: u8 = 1;
const LOCATIVE_W: u8 = 2;
const MODIFIER: u8 = 4;
const ETHNIC_NOUN: u8 = 8;
const TITLE: u8 = 16;
/// The first word of a type word.
const TYPE_FIRST: u8 = 32;
/// Not a list: the word is capitalised (`names::is_capitalised`).
const CAP: u8 = 64;
/// Not a list: the word starts with a letter.
const ALPHA: u8 = 128;

/// Which of the word lists a folded word is on (0 for most words): one probe of a
/// small open-addressing table per token instead of a scan of every list at every use.
#[cfg(test)]
fn word_flags(w: &str) -> u8 {
    word_table().get(w)
}

fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(WordTable::build)
}

/// The listed words packed into two machine words each (all are ASCII and at most 16
/// bytes long; tokens hold no NUL, so zero padding is unambiguous).
struct WordTable {
    slots: Vec<(u64, u64, u8)>,
    bits: u32,
}

impl WordTable {
    const BITS: u32 = 10;

    /// `buf[s..e]` packed: read as two whole words and masked when 16 bytes from `s`
    /// are in `buf`.
    fn pack_at(buf: &[u8], s: usize, e: usize) -> Option<(u64, u64)> {
        /// The low `n` bytes of a word.
        const MASK: [u64; 9] = [
            0,
            0xff,
            0xffff,
            0xff_ffff,
            0xffff_ffff,
            0xff_ffff_ffff,
            0xffff_ffff_ffff,
            0xff_ffff_ffff_ffff,
            u64::MAX,
        ];
        let len = e - s;
        if len == 0 || len > 16 {
            return None;
        }
        if s + 16 > buf.len() {
            return Self::pack_bytes(&buf[s..e]);
        }
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&buf[at..at + 8]);
            u64::from_le_bytes(w)
        };
        Some(if len <= 8 {
            (word(s) & MASK[len], 0)
        } else {
            (word(s), word(s + 8) & MASK[len - 8])
        })
    }

    fn pack(w: &str) -> Option<(u64, u64)> {
        Self::pack_bytes(w.as_bytes())
    }

    fn pack_bytes(b: &[u8]) -> Option<(u64, u64)> {
        if b.is_empty() || b.len() > 16 {
            return None;
        }
        let mut x = [0u8; 16];
        x[..b.len()].copy_from_slice(b);
        let (lo, hi) = x.split_at(8);
        Some((
            u64::from_le_bytes(lo.try_into().unwrap_or([0; 8])),
            u64::from_le_bytes(hi.try_into().unwrap_or([0; 8])),
        ))
    }

    fn slot(&self, (a, b): (u64, u64)) -> usize {
        ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    fn build() -> WordTable {
        let mut t = WordTable {
            slots: vec![(0, 0, 0); 1 << Self::BITS],
            bits: Self::BITS,
        };
        let mut add = |w: &str, f: u8| {
            let k = Self::pack(w).expect("listed words are 1 to 16 bytes");
            let mask = t.slots.len() - 1;
            let mut i = t.slot(k);
            while t.slots[i].0 != 0 && (t.slots[i].0, t.slots[i].1) != k {
                i = (i + 1) & mask;
            }
            t.slots[i] = (k.0, k.1, t.slots[i].2 | f);
        };
        for (list, f) in [
            (FUNCTION_WORDS, FUNCTION),
            (LOCATIVE, LOCATIVE_W),
            (MODIFIERS, MODIFIER),
            (ETHNIC_NOUNS, ETHNIC_NOUN),
            (TITLES, TITLE),
        ] {
            for w in list {
                add(w, f);
            }
        }
        for (ws, _) in TYPE_WORDS {
            add(ws[0], TYPE_FIRST);
        }
        t
    }

    #[cfg(test)]
    fn get(&self, w: &str) -> u8 {
        match Self::pack(w) {
            Some(k) => self.get_packed(k),
            None => 0,
        }
    }

    fn get_packed(&self, k: (u64, u64)) -> u8 {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        loop {
            let s = self.slots[i];
            if s.0 == 0 {
                return 0;
            }
            if (s.0, s.1) == k {
                return s.2;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A place mention before resolution.
#[derive(Debug, Clone)]
struct Raw {
    /// Name plus type word.
    span: Span,
    /// Token range of the name.
    key: String,
    cands: Vec<u32>,
    typ: Option<TypeWord>,
    /// Found without a type word.
    bare: bool,
    locative_before: bool,
    common: bool,
    sentence: usize,
    /// Found again through a name first met with a type word.
    doc_local: bool,
    /// A village-type name known only as a township or town ("Kanbalu village"): a
    /// place inside that township.
    inside: bool,
}

/// A resolved mention with the records behind it.
#[derive(Debug, Clone)]
struct Resolved {
    loc: Location,
    admin1: Option<u8>,
    township: Option<u32>,
    level_rank: u8,
    why: String,
    /// Whether the text fixed it (type word or context), so repeats may reuse it.
    firm: bool,
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    toks: Vec<Token>,
    /// The folded words (`names::fold`) one after another; `fspan[i]` is word i's range.
    fbuf: String,
    fspan: Vec<(usize, usize)>,
    /// Word-list flags of each word, and whether it is capitalised.
    flags: Vec<u8>,
    /// What separates word i from word i + 1.
    gaps: Vec<Gap>,
    /// The type word starting at each word.
    types: Vec<Option<(TypeWord, usize)>>,
    sentences: Vec<Span>,
}

/// The flags of an ASCII word starting with a capital or a digit.
fn f_cap(alpha: bool) -> u8 {
    if alpha {
        CAP | ALPHA
    } else {
        CAP
    }
}

impl<'a> Ctx<'a> {
    fn new(g: &'a Gazetteer, text: &'a str, toks: Vec<Token>, sentences: Vec<Span>) -> Ctx<'a> {
        let n = toks.len();
        // The text with ASCII letters lower-cased keeps every byte offset, so an ASCII
        // word's folded form is the same range of it; other words are folded after it.
        let mut fbuf = text.to_ascii_lowercase();
        let mut fspan = Vec::with_capacity(n);
        let mut flags = Vec::with_capacity(n);
        let table = word_table();
        let bytes = text.as_bytes();
        for t in &toks {
            let wb = &bytes[t.start..t.end];
            let mut f = if wb.is_ascii() {
                fspan.push((t.start, t.end));
                let c = wb[0];
                if c.is_ascii_uppercase() || c.is_ascii_digit() {
                    f_cap(c.is_ascii_alphabetic())
                } else if c.is_ascii_alphabetic() {
                    ALPHA
                } else {
                    0
                }
            } else {
                let w = &text[t.start..t.end];
                let s = fbuf.len();
                fold_into(&mut fbuf, w);
                fspan.push((s, fbuf.len()));
                let mut f = 0;
                if is_capitalised(w) {
                    f |= CAP;
                }
                if w.starts_with(char::is_alphabetic) {
                    f |= ALPHA;
                }
                f
            };
            let &(s, e) = fspan.last().unwrap_or(&(0, 0));
            if let Some(k) = WordTable::pack_at(fbuf.as_bytes(), s, e) {
                f |= table.get_packed(k);
            }
            flags.push(f);
        }
        let gaps = toks
            .windows(2)
            .map(|w| {
                if w[1].start == w[0].end + 1 {
                    match bytes[w[0].end] {
                        b' ' | b'\t' => Gap::Space,
                        b'-' => Gap::Hyphen,
                        _ => Gap::Break,
                    }
                } else {
                    gap(text, w[0].end, w[1].start)
                }
            })
            .collect();
        let mut cx = Ctx {
            g,
            text,
            toks,
            fbuf,
            fspan,
            flags,
            gaps,
            types: Vec::new(),
            sentences,
        };
        cx.types = (0..n)
            .map(|k| {
                if cx.flags[k] & TYPE_FIRST != 0 {
                    cx.find_type_word(k)
                } else {
                    None
                }
            })
            .collect();
        cx
    }
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    /// Word i folded (`names::fold`).
    fn folded(&self, i: usize) -> &str {
        let (s, e) = self.fspan[i];
        &self.fbuf[s..e]
    }
    /// Words a..=b folded, joined by `sep`.
    fn joined_folded(&self, a: usize, b: usize, sep: &str) -> String {
        let mut s = String::with_capacity(self.fspan[b].1.saturating_sub(self.fspan[a].0) + 8);
        for i in a..=b {
            if i > a {
                s.push_str(sep);
            }
            s.push_str(self.folded(i));
        }
        s
    }
    fn has(&self, i: usize, flag: u8) -> bool {
        self.flags[i] & flag != 0
    }
    fn joined(&self, i: usize) -> Gap {
        self.gaps[i]
    }
    fn joinable(&self, i: usize) -> bool {
        matches!(self.joined(i), Gap::Space | Gap::Hyphen)
    }
    fn sentence_of(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| {
            if s.end() <= pos {
                std::cmp::Ordering::Less
            } else if s.start() > pos {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// Type word starting at token `k`: (type, number of tokens).
    fn type_word_at(&self, k: usize) -> Option<(TypeWord, usize)> {
        self.types[k]
    }
    fn find_type_word(&self, k: usize) -> Option<(TypeWord, usize)> {
        let first = self.folded(k);
        for (ws, t) in TYPE_WORDS {
            if ws[0] != first || k + ws.len() > self.toks.len() {
                continue;
            }
            let ok = ws
                .iter()
                .enumerate()
                .all(|(j, w)| self.folded(k + j) == *w && (j == 0 || self.joinable(k + j - 1)));
            if ok {
                return Some((*t, ws.len()));
            }
        }
        None
    }
    /// Previous word, if joined to token `i` by spaces only.
    fn adjacent_before(&self, i: usize) -> Option<usize> {
        (i > 0 && self.joined(i - 1) == Gap::Space).then(|| i - 1)
    }
    fn adjacent_after(&self, i: usize) -> Option<usize> {
        (i + 1 < self.toks.len() && self.joined(i) == Gap::Space).then_some(i + 1)
    }
    /// Whether the word before token `i` (in the same sentence) is locative.
    fn locative_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        if !matches!(self.joined(i - 1), Gap::Space) {
            return false;
        }
        self.has(i - 1, LOCATIVE_W)
    }
    /// A capitalised word next to a name that continues a proper noun (an organisation,
    /// a person): not a function word, not a type word.
    fn continues_name(&self, j: usize) -> bool {
        let w = self.word(j);
        self.has(j, CAP)
            && !w.chars().all(|c| c.is_ascii_digit())
            && !self.has(j, FUNCTION)
            && self.type_word_at(j).is_none()
    }
}

impl Gazetteer {
    /// See [`Gazetteer::find`].
    pub(crate) fn find_impl(&self, text: &str, sentences: &[Sentence]) -> Vec<PlaceMention> {
        let toks = tokenize(text);
        if toks.is_empty() {
            return Vec::new();
        }
        let mut sents: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        sents.sort();
        if sents.is_empty() {
            sents.push(Span(0, text.len()));
        }
        let cx = Ctx::new(self, text, toks, sents);
        let mut claimed = vec![false; cx.toks.len()];
        let mut raws = anchored(&cx, &mut claimed);
        raws.extend(scan(&cx, &mut claimed, None));
        // Names first met with a type word, found again bare.
        let local: FxMap<String, ()> = raws
            .iter()
            .filter(|r| r.typ.is_some())
            .map(|r| (r.key.clone(), ()))
            .collect();
        if !local.is_empty() {
            raws.extend(scan(&cx, &mut claimed, Some(&local)));
        }
        raws.sort_by_key(|r| r.span);
        resolve_all(&cx, raws)
    }
}

/// Pass 1: names before a type word.
fn anchored(cx: &Ctx, claimed: &mut [bool]) -> Vec<Raw> {
    let mut out = Vec::new();
    let n = cx.toks.len();
    let mut k = 1;
    while k < n {
        let Some((typ, len)) = cx.type_word_at(k) else {
            k += 1;
            continue;
        };
        if claimed[k] || !cx.joinable(k - 1) {
            k += len;
            continue;
        }
        // The capitalised run before the type word (a direction word may open it).
        let mut first = k;
        while first > 0 && k - first < 6 {
            let j = first - 1;
            if claimed[j] || !cx.joinable(j) {
                break;
            }
            let w = cx.word(j);
            // A short lower-case tail after a hyphen belongs to the name ("Hpa-an",
            // "Mrauk-u"); "junta-held" does not.
            let hyphen_tail = j > 0
                && cx.joined(j - 1) == Gap::Hyphen
                && w.chars().count() <= 3
                && cx.has(j - 1, CAP);
            let ok = (cx.has(j, CAP) && cx.type_word_at(j).is_none())
                || hyphen_tail
                || (cx.has(j, MODIFIER) && first < k);
            if !ok {
                break;
            }
            first = j;
        }
        while first < k && cx.has(first, FUNCTION) {
            first += 1;
        }
        // A run that is only a direction word is no name.
        while first < k && cx.has(first, MODIFIER) && first + 1 == k {
            first += 1;
        }
        if first == k {
            k += len;
            continue;
        }
        let last = k - 1;
        let end_tok = k + len - 1;
        // Text in capitals ("JUNTA BOMBS KANBALU VILLAGE") says nothing about where a
        // name starts: take the longest known name that ends the run, and no unknown.
        let shouting = (first..=end_tok).all(|i| {
            let w = cx.word(i);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(|c| c.is_lowercase())
        });
        if shouting {
            let known =
                (first..=last).find(|&f| cx.g.index.has_key(&cx.joined_folded(f, last, " ")));
            match known {
                Some(f) => first = f,
                None => {
                    k += len;
                    continue;
                }
            }
        }
        // "Shan State Progress Party", "Mon State Parliament": an organisation.
        if cx
            .adjacent_after(end_tok)
            .is_some_and(|j| cx.continues_name(j))
        {
            k += len;
            continue;
        }
        // Person: "Captain Kyaw Township"? A title before the run.
        if cx
            .adjacent_before(first)
            .is_some_and(|j| cx.has(j, TITLE) && cx.has(j, CAP))
        {
            k += len;
            continue;
        }
        let mut key = cx.joined_folded(first, last, " ");
        let with_type = cx.joined_folded(first, end_tok, " ");
        // A curated name that includes its type word ("Insein Prison", "Wa State").
        let mut whole = cx.g.index.lookup_key(&with_type);
        // The direction word stays in the name as written ("southern Chin State").
        let span_first = first;
        if whole.is_empty() && !cx.g.index.has_key(&key) {
            // "southern Chin State": retry without the direction word.
            let mut f = first;
            while f < last && cx.has(f, MODIFIER) {
                f += 1;
            }
            if f > first {
                first = f;
                key = cx.joined_folded(first, last, " ");
                whole =
                    cx.g.index
                        .lookup_key(&cx.joined_folded(first, end_tok, " "));
            }
        }
        let (cands, typ_used) = if !whole.is_empty() {
            (whole, None)
        } else {
            let mut c = cx.g.index.lookup_key(&key);
            if c.is_empty() {
                c = cx.g.index.lookup_key(&cx.joined_folded(first, last, ""));
            }
            (c, Some(typ))
        };
        let mut inside = false;
        let filtered: Vec<u32> = match typ_used {
            None => cands.clone(),
            Some(t) => {
                let exact: Vec<u32> = cands
                    .iter()
                    .copied()
                    .filter(|&i| t.accepts(&cx.g.records.places[i as usize]))
                    .collect();
                if !exact.is_empty() {
                    // "X village": a village of that name before a village tract of it.
                    let want = match t {
                        TypeWord::Village => Some(Level::Village),
                        TypeWord::VillageTract => Some(Level::VillageTract),
                        TypeWord::Ward => Some(Level::Ward),
                        _ => None,
                    };
                    let preferred: Vec<u32> = exact
                        .iter()
                        .copied()
                        .filter(|&i| Some(cx.g.records.places[i as usize].level) == want)
                        .collect();
                    if preferred.is_empty() {
                        exact
                    } else {
                        preferred
                    }
                } else if t.is_site() {
                    // "Hsipaw Prison": a site at a known place.
                    cands
                        .iter()
                        .copied()
                        .filter(|&i| {
                            !matches!(
                                cx.g.records.places[i as usize].level,
                                Level::Admin1
                                    | Level::Admin1Part
                                    | Level::Country
                                    | Level::District
                            )
                        })
                        .collect()
                } else if matches!(
                    t,
                    TypeWord::Village | TypeWord::VillageTract | TypeWord::Ward
                ) {
                    // "Kanbalu village" where only the township is known: a village
                    // somewhere in that township.
                    inside = true;
                    cands
                        .iter()
                        .copied()
                        .filter(|&i| {
                            matches!(
                                cx.g.records.places[i as usize].level,
                                Level::Township | Level::Town
                            )
                        })
                        .collect()
                } else {
                    cands
                        .iter()
                        .copied()
                        .filter(|&i| t.fallback(&cx.g.records.places[i as usize]))
                        .collect()
                }
            }
        };
        if filtered.is_empty() && !typ.allows_unknown() {
            k += len;
            continue;
        }
        // Unknown names must look like names: every word capitalised or hyphen-joined.
        if filtered.is_empty()
            && (first..=last)
                .any(|i| !(cx.has(i, CAP) || (i > first && cx.joined(i - 1) == Gap::Hyphen)))
        {
            k += len;
            continue;
        }
        let keep_modifier = matches!(typ, TypeWord::Admin1 | TypeWord::Zone);
        let first = if keep_modifier { span_first } else { first };
        let span = Span(cx.toks[first].start, cx.toks[end_tok].end);
        for c in claimed.iter_mut().take(end_tok + 1).skip(first) {
            *c = true;
        }
        out.push(Raw {
            span,
            key,
            cands: filtered,
            typ: Some(typ_used.unwrap_or(typ)),
            bare: false,
            locative_before: cx.locative_before(first),
            common: false,
            sentence: cx.sentence_of(span.start()),
            doc_local: false,
            inside,
        });
        k += len;
    }
    out
}

/// Pass 2 (and 3, with `local`): the longest indexed name at each free capitalised word.
fn scan(cx: &Ctx, claimed: &mut [bool], local: Option<&FxMap<String, ()>>) -> Vec<Raw> {
    let mut out = Vec::new();
    let n = cx.toks.len();
    let max = cx.g.index.max_words.max(1);
    // The keys of the run at `i`, spaced and run together, built once: the key of
    // words i..=last is a prefix of each, ending at `sp_end[last - i]`, `cp_end[last - i]`.
    let (mut spaced, mut compact) = (String::new(), String::new());
    let (mut sp_end, mut cp_end): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    // With `local`, only a word that begins one of its names can begin a hit (folded
    // words hold no spaces, so a name's first word is its text before the first space).
    let local_first: Option<FxSet<&str>> = local.map(|l| {
        l.keys()
            .map(|k| k.split(' ').next().unwrap_or(""))
            .collect()
    });
    let mut i = 0;
    while i < n {
        if claimed[i] {
            i += 1;
            continue;
        }
        let modifier = cx.has(i, MODIFIER);
        if !cx.has(i, ALPHA) || (!cx.has(i, CAP) && !modifier) {
            i += 1;
            continue;
        }
        if local_first
            .as_ref()
            .is_some_and(|f| !f.contains(cx.folded(i)))
        {
            i += 1;
            continue;
        }
        let w = cx.word(i);
        // Longest run of joined, free words.
        let mut end = i;
        while end + 1 < n && end + 1 - i < max && !claimed[end + 1] && cx.joinable(end) {
            // Space-joined words after the first must be capitalised.
            if cx.joined(end) == Gap::Space && !cx.has(end + 1, CAP) {
                break;
            }
            end += 1;
        }
        spaced.clear();
        compact.clear();
        sp_end.clear();
        cp_end.clear();
        for t in i..=end {
            if t > i {
                spaced.push(' ');
            }
            spaced.push_str(cx.folded(t));
            compact.push_str(cx.folded(t));
            sp_end.push(spaced.len());
            cp_end.push(compact.len());
        }
        let mut hit: Option<(usize, Vec<u32>, String)> = None;
        for last in (i..=end).rev() {
            if modifier && last == i {
                break;
            }
            let key = &spaced[..sp_end[last - i]];
            if let Some(l) = local {
                if l.contains_key(key) {
                    hit = Some((last, Vec::new(), key.to_string()));
                    break;
                }
                continue;
            }
            let mut c = cx.g.index.lookup_key(key);
            if c.is_empty() && last > i {
                c = cx.g.index.lookup_key(&compact[..cp_end[last - i]]);
            }
            if !c.is_empty() {
                hit = Some((last, c, key.to_string()));
                break;
            }
        }
        let Some((last, cands, key)) = hit else {
            i += 1;
            continue;
        };
        // One-letter names and short all-capital acronyms ("KA", "AA") are no places.
        let letters = key.chars().filter(|c| c.is_alphanumeric()).count();
        let acronym = last == i && w.len() <= 3 && w.chars().all(|c| c.is_uppercase());
        if letters < 2 || acronym {
            i = last + 1;
            continue;
        }
        // "a Sagaing-based group": an origin, not a place of the text.
        if last + 1 < n
            && cx.joined(last) == Gap::Hyphen
            && matches!(cx.folded(last + 1), "based" | "born" | "backed" | "made")
        {
            i = last + 2;
            continue;
        }
        // Gates.
        let prev_name = cx.adjacent_before(i).filter(|&j| cx.continues_name(j));
        let next_name = cx.adjacent_after(last).filter(|&j| cx.continues_name(j));
        let titled = cx
            .adjacent_before(i)
            .is_some_and(|j| cx.has(j, TITLE) && cx.has(j, CAP));
        if prev_name.is_some() || next_name.is_some() || titled {
            i = last + 1;
            continue;
        }
        let loc_before = cx.locative_before(i) || modifier;
        let ethnonym = cx.g.index.ethnonyms.contains(&key);
        if ethnonym {
            let noun_after = cx
                .adjacent_after(last)
                .is_some_and(|j| cx.has(j, ETHNIC_NOUN));
            if !loc_before || noun_after {
                i = last + 1;
                continue;
            }
        }
        let common = cx.g.index.common.contains(&key) || letters <= 2;
        // "the town of X", "the village of X".
        let mut typ = None;
        if i >= 2 && cx.folded(i - 1) == "of" {
            if let Some((t, 1)) = cx.type_word_at(i - 2) {
                if matches!(t, TypeWord::Town | TypeWord::Township | TypeWord::Village) {
                    typ = Some(t);
                }
            }
        }
        let mut cands = cands;
        if let Some(t) = typ {
            let f: Vec<u32> = cands
                .iter()
                .copied()
                .filter(|&c| {
                    t.accepts(&cx.g.records.places[c as usize])
                        || t.fallback(&cx.g.records.places[c as usize])
                })
                .collect();
            if !f.is_empty() {
                cands = f;
            }
        }
        let span = Span(cx.toks[i].start, cx.toks[last].end);
        for c in claimed.iter_mut().take(last + 1).skip(i) {
            *c = true;
        }
        out.push(Raw {
            span,
            key,
            cands,
            typ,
            bare: true,
            locative_before: loc_before,
            common,
            sentence: cx.sentence_of(span.start()),
            doc_local: local.is_some(),
            inside: false,
        });
        i = last + 1;
    }
    out
}

/// Base score of a candidate by level when nothing else is known.
fn base_score(p: &Place) -> i32 {
    let s = match p.level {
        Level::City => 97,
        Level::Admin1 | Level::Admin1Part => 95,
        Level::Site => 94,
        Level::Region => 93,
        Level::Town => 92,
        Level::Township => 91,
        Level::District => 70,
        Level::Country => 60,
        Level::Ward => 45,
        Level::VillageTract => 40,
        Level::Village => 30,
    };
    if p.source == Source::User {
        s - 5
    } else {
        s
    }
}

/// 0: regions; 1: townships, towns, sites; 2: villages and unknown places.
fn rank_of(cx: &Ctx, r: &Raw) -> u8 {
    // Common words need the support of places resolved before them.
    if r.cands.is_empty() || r.inside || (r.common && r.bare) {
        return 2;
    }
    let places = &cx.g.records.places;
    let best = r
        .cands
        .iter()
        .map(|&c| match places[c as usize].level {
            Level::Admin1 | Level::Admin1Part | Level::Region | Level::Country => 0u8,
            Level::District | Level::Township | Level::Town | Level::City | Level::Site => 1,
            _ => 2,
        })
        .min()
        .unwrap_or(2);
    if r.typ.is_some_and(|t| t.is_site()) {
        return best.max(1);
    }
    best
}

/// Context from the resolved mentions of a sentence.
#[derive(Default, Debug)]
struct Hints {
    region: Option<(u8, String)>,
    township: Option<(u32, String)>,
}

fn hints_for(
    cx: &Ctx,
    raws: &[Raw],
    res: &[Option<Resolved>],
    in_sentence: &[usize],
    i: usize,
) -> Hints {
    let r = &raws[i];
    let mut h = Hints::default();
    let same: Vec<usize> = in_sentence
        .iter()
        .copied()
        .filter(|&j| j != i && res[j].is_some())
        .collect();
    let is_region = |j: usize| {
        res[j]
            .as_ref()
            .is_some_and(|x| x.level_rank == 0 && x.admin1.is_some())
    };
    let is_township = |j: usize| {
        res[j].as_ref().is_some_and(|x| {
            x.level_rank == 1
                && x.township.is_some()
                && matches!(
                    x.loc.precision,
                    Some(PlacePrecision::Township) | Some(PlacePrecision::Town)
                )
        })
    };
    let between = |a: Span, b: Span| -> String {
        let t = cx.text.get(a.end()..b.start()).unwrap_or("").trim();
        // Only short texts are compared (at most 6 bytes, and lower-casing shrinks a
        // character to no less than a third of its bytes).
        if t.len() > 18 {
            return String::new();
        }
        t.to_lowercase()
    };
    // Region: the first one after the mention that is introduced by "in", "of" or a
    // comma with no other region between (a list followed by one region), else the
    // nearest one before it in the sentence.
    let after: Vec<usize> = same
        .iter()
        .copied()
        .filter(|&j| raws[j].span.start() >= r.span.end())
        .collect();
    if let Some(&j) = after.iter().find(|&&j| is_region(j)) {
        let lead = lower_tail(cx.text[..raws[j].span.start()].trim_end());
        let introduced = lead.ends_with(" in")
            || lead.ends_with(" of")
            || lead.ends_with(',')
            || lead.ends_with(" across")
            || lead.ends_with(" throughout");
        if introduced {
            let x = res[j].as_ref().unwrap();
            h.region = Some((
                x.admin1.unwrap(),
                cat(&["region named after it: `", &x.loc.name, "`"]),
            ));
        }
    }
    if h.region.is_none() {
        if let Some(&j) = same
            .iter()
            .rev()
            .find(|&&j| raws[j].span.end() <= r.span.start() && is_region(j))
        {
            let x = res[j].as_ref().unwrap();
            h.region = Some((
                x.admin1.unwrap(),
                cat(&["region named before it: `", &x.loc.name, "`"]),
            ));
        }
    }
    // Township: "X village in Y Township" / "X, Y Township" right after, else the
    // nearest one before it in the sentence, else the nearest after it.
    if let Some(&j) = after.iter().find(|&&j| is_township(j)) {
        let b = between(r.span, raws[j].span);
        if matches!(
            b.as_str(),
            "in" | "," | "of" | "near" | "in the" | ", in" | "of the"
        ) {
            let x = res[j].as_ref().unwrap();
            h.township = Some((x.township.unwrap(), cat(&["in `", &x.loc.name, "`"])));
        }
    }
    if h.township.is_none() {
        if let Some(&j) = same
            .iter()
            .rev()
            .find(|&&j| raws[j].span.end() <= r.span.start() && is_township(j))
        {
            let x = res[j].as_ref().unwrap();
            h.township = Some((
                x.township.unwrap(),
                cat(&["township named before it: `", &x.loc.name, "`"]),
            ));
        } else if let Some(&j) = after.iter().find(|&&j| is_township(j)) {
            let x = res[j].as_ref().unwrap();
            h.township = Some((
                x.township.unwrap(),
                cat(&["township named later in the sentence: `", &x.loc.name, "`"]),
            ));
        }
    }
    h
}

/// The end of `s` lower-cased, long enough for `ends_with` tests of up to 11 bytes:
/// the last 12 characters (each lower-cases to at least one byte; the only
/// context-dependent mapping, final sigma, gives a non-ASCII letter either way).
fn lower_tail(s: &str) -> String {
    let start = s.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
    s[start..].to_lowercase()
}

/// A set of admin1 indices.
#[derive(Default, Clone, Copy, Debug)]
pub(crate) struct U8Set([u64; 4]);

impl U8Set {
    fn insert(&mut self, a: u8) {
        self.0[(a >> 6) as usize] |= 1 << (a & 63);
    }
    pub(crate) fn contains(&self, a: &u8) -> bool {
        self.0[(*a >> 6) as usize] & (1 << (*a & 63)) != 0
    }
    /// The only member, if there is exactly one.
    fn single(&self) -> Option<u8> {
        let n: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        if n != 1 {
            return None;
        }
        let i = self.0.iter().position(|&w| w != 0)?;
        Some((i as u32 * 64 + self.0[i].trailing_zeros()) as u8)
    }
}

/// Document-wide sets from the resolved mentions.
#[derive(Default)]
struct DocSets {
    admin1: U8Set,
    townships: FxSet<u32>,
    sent_admin1: FxMap<usize, U8Set>,
    sent_townships: FxMap<usize, Vec<u32>>,
}

impl DocSets {
    /// Adds a resolved mention (the sets of a round are those of every mention resolved
    /// in the rounds before it).
    fn add(&mut self, r: &Raw, x: &Resolved) {
        if x.level_rank > 1 && !x.firm {
            return;
        }
        if let Some(a) = x.admin1 {
            self.admin1.insert(a);
            self.sent_admin1.entry(r.sentence).or_default().insert(a);
        }
        if let Some(t) = x.township {
            if x.level_rank <= 1 {
                self.townships.insert(t);
                let v = self.sent_townships.entry(r.sentence).or_default();
                if !v.contains(&t) {
                    v.push(t);
                }
            }
        }
    }
    /// The one admin1 of the document, if it names only one.
    fn single_admin1(&self) -> Option<u8> {
        self.admin1.single()
    }
}

fn resolve_all(cx: &Ctx, raws: Vec<Raw>) -> Vec<PlaceMention> {
    let mut res: Vec<Option<Resolved>> = vec![None; raws.len()];
    let ranks: Vec<u8> = raws.iter().map(|r| rank_of(cx, r)).collect();
    let mut by_sentence: FxMap<usize, Vec<usize>> = FxMap::default();
    for (i, r) in raws.iter().enumerate() {
        by_sentence.entry(r.sentence).or_default().push(i);
    }
    let mut sets = DocSets::default();
    for round in 0..=2u8 {
        if round > 0 {
            for (i, r) in raws.iter().enumerate() {
                if ranks[i] == round - 1 {
                    if let Some(x) = &res[i] {
                        sets.add(r, x);
                    }
                }
            }
        }
        for i in 0..raws.len() {
            if ranks[i] != round || raws[i].doc_local {
                continue;
            }
            let h = hints_for(cx, &raws, &res, &by_sentence[&raws[i].sentence], i);
            res[i] = resolve_one(cx, &raws[i], &h, &sets);
        }
    }
    // Repeats: bare mentions without context of a name resolved firmly earlier (or
    // later) in the document take that resolution. The first firm one of each name
    // (which is never weak, so stays as it is).
    let mut memory: FxMap<&str, usize> = FxMap::default();
    for (j, (r, x)) in raws.iter().zip(&res).enumerate() {
        if x.as_ref().is_some_and(|x| x.firm) {
            memory.entry(r.key.as_str()).or_insert(j);
        }
    }
    for i in 0..raws.len() {
        let r = &raws[i];
        let weak = match &res[i] {
            None => true,
            Some(x) => !x.firm && r.bare,
        };
        if weak {
            if let Some(m) = memory.get(r.key.as_str()).and_then(|&j| res[j].as_ref()) {
                let mut x = m.clone();
                x.loc.name = cx.text[r.span.start()..r.span.end()].to_string();
                x.why = cat(&["same name as earlier in the document: ", &m.why]);
                res[i] = Some(x);
            }
        }
    }
    let mut out = Vec::with_capacity(raws.len());
    for (r, x) in raws.into_iter().zip(res) {
        let Some(mut x) = x else { continue };
        let name = cx.text[r.span.start()..r.span.end()].to_string();
        // `loc.name` is the mention as written here; `location_name` gives it or a
        // shorter prefix of it.
        let ln = location_name(&name, x.loc.kind.as_deref());
        if ln.len() != x.loc.name.len() || ln != x.loc.name {
            x.loc.name = ln.to_string();
        }
        x.loc.span = Some(r.span);
        out.push(PlaceMention {
            span: r.span,
            name,
            location: x.loc,
            why: x.why,
        });
    }
    out
}

/// The parts one after another (`format!` for plain strings, without its machinery).
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The location's name: the mention as written, but a district without the
/// level word ("Hpa-an District" is known as Hpa-an; `kind` keeps the level),
/// as ACLED's location column and as "X Township" reads once the word is dropped.
fn location_name<'a>(written: &'a str, kind: Option<&str>) -> &'a str {
    if kind != Some("district") {
        return written;
    }
    written
        .strip_suffix(" District")
        .or_else(|| written.strip_suffix(" district"))
        .map(str::trim_end)
        .filter(|n| !n.is_empty())
        .unwrap_or(written)
}

pub(crate) fn location_of_pub(g: &Gazetteer, p: &Place, name: &str) -> Location {
    let township = p
        .township
        .map(|t| g.records.places[t as usize].name.to_string());
    let (lat, lon) = if p.level == Level::Township {
        g.records.main_town_coords(p.township.unwrap_or(0))
    } else {
        (p.lat, p.lon)
    };
    let (lat, lon) = if p.level == Level::Township {
        (p.lat.or(lat), p.lon.or(lon))
    } else {
        (lat, lon)
    };
    Location {
        name: name.to_string(),
        place_id: Some(p.id.to_string()),
        kind: Some(p.kind.to_string()),
        admin1: p.admin1_name().map(str::to_string),
        township,
        lat: lat.map(round5),
        lon: lon.map(round5),
        precision: Some(p.precision),
        span: None,
    }
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn level_rank(p: &Place) -> u8 {
    match p.level {
        Level::Admin1 | Level::Admin1Part | Level::Region | Level::Country => 0,
        Level::District | Level::Township | Level::Town | Level::City | Level::Site => 1,
        _ => 2,
    }
}

/// What is known around a mention when its candidates are scored.
#[derive(Default, Clone, Copy)]
pub(crate) struct ScoreCtx<'a> {
    /// The region named with it ("… in Bago Region").
    pub region: Option<u8>,
    /// The township named with it ("… village in Kanbalu Township").
    pub township: Option<u32>,
    pub sent_admin1: Option<&'a U8Set>,
    pub sent_townships: Option<&'a [u32]>,
    pub doc_admin1: Option<&'a U8Set>,
    pub doc_townships: Option<&'a FxSet<u32>>,
}

/// Scores every candidate of a mention: (candidate, score, conflict, reasons joined
/// by ", "), best first.
pub(crate) fn score_candidates(
    g: &Gazetteer,
    cands: &[u32],
    sc: ScoreCtx,
) -> Vec<(u32, i32, bool, String)> {
    score_ranked(g, cands, &sc)
        .into_iter()
        .map(|(c, s, conflict)| (c, s, conflict, reasons(g, c, &sc)))
        .collect()
}

/// Scores every candidate of a mention: (candidate, score, conflict), best first.
fn score_ranked(g: &Gazetteer, cands: &[u32], sc: &ScoreCtx) -> Vec<(u32, i32, bool)> {
    let mut out: Vec<(u32, i32, bool)> = cands
        .iter()
        .map(|&c| {
            let (s, conflict) = score_one(&g.records.places[c as usize], sc, None);
            (c, s, conflict)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Why candidate `c` scored as it did (see [`score_one`]), the reasons joined by ", ".
fn reasons(g: &Gazetteer, c: u32, sc: &ScoreCtx) -> String {
    let mut why = String::with_capacity(128);
    score_one(&g.records.places[c as usize], sc, Some(&mut why));
    why
}

/// Score and conflict of one candidate; the reasons go to `why` when asked for (only
/// the winner's are shown, so they are not built for every candidate).
fn score_one(p: &Place, sc: &ScoreCtx, mut why: Option<&mut String>) -> (i32, bool) {
    let ScoreCtx {
        region,
        township,
        sent_admin1,
        sent_townships,
        doc_admin1,
        doc_townships,
    } = *sc;
    let mut say = |parts: &[&str]| {
        if let Some(w) = why.as_deref_mut() {
            if !w.is_empty() {
                w.push_str(", ");
            }
            for x in parts {
                w.push_str(x);
            }
        }
    };
    let mut s = base_score(p);
    say(&[&p.kind, " ", &p.id]);
    let mut conflict = false;
    if let Some(t) = township {
        if p.township == Some(t) {
            s += 100;
            say(&["in the township named with it"]);
        } else if level_rank(p) == 2 {
            s -= 150;
            conflict = true;
        }
    }
    if let Some(a) = region.filter(|_| level_rank(p) > 0) {
        if p.admin1 == Some(a) {
            s += 60;
            say(&["in the region named with it"]);
        } else if p.admin1.is_some() {
            s -= 150;
            conflict = true;
        }
    }
    if let (Some(t), Some(set)) = (p.township, sent_townships) {
        if set.contains(&t) && p.level != Level::Township {
            s += 30;
            say(&["its township is named in the sentence"]);
        }
    }
    if let (Some(t), Some(set)) = (p.township, doc_townships) {
        if set.contains(&t) && p.level != Level::Township {
            s += 15;
            say(&["its township is named in the document"]);
        }
    }
    if let (Some(a), Some(set)) = (p.admin1, sent_admin1) {
        if set.contains(&a) && p.level != Level::Admin1 {
            s += 20;
            say(&["its region is named in the sentence"]);
        }
    }
    if let (Some(a), Some(m)) = (p.admin1, doc_admin1) {
        if m.contains(&a) && p.level != Level::Admin1 {
            s += 10;
            say(&["its region is named in the document"]);
        }
    }
    (s, conflict)
}

fn resolve_one(cx: &Ctx, r: &Raw, h: &Hints, sets: &DocSets) -> Option<Resolved> {
    let g = cx.g;
    let places = &g.records.places;
    let written = &cx.text[r.span.start()..r.span.end()];
    let region = h.region.as_ref().map(|x| x.0);
    let township = h.township.as_ref().map(|x| x.0);
    let ctx_why: Vec<&str> = [
        &h.region.as_ref().map(|x| &x.1),
        &h.township.as_ref().map(|x| &x.1),
    ]
    .into_iter()
    .flatten()
    .map(|w| w.as_str())
    .collect();
    let sc = ScoreCtx {
        region,
        township,
        sent_admin1: sets.sent_admin1.get(&r.sentence),
        sent_townships: sets.sent_townships.get(&r.sentence).map(|v| v.as_slice()),
        doc_admin1: Some(&sets.admin1),
        doc_townships: Some(&sets.townships),
    };
    let scored = score_ranked(g, &r.cands, &sc);
    let typed_site = r.typ.filter(|t| t.is_site());
    // "In Ramree Township, 45 houses were burned in A village, 12 in Sin Kyun": a bare
    // multi-word village name after a locative, in a sentence that names a township
    // where the registry has no such village, is a village of that township.
    let bare_village_ok = r.bare
        && r.locative_before
        && township.is_some()
        && !r.common
        && r.key.contains(' ')
        && r.cands
            .iter()
            .all(|&c| level_rank(&places[c as usize]) == 2);
    let unknown = |why: String| -> Option<Resolved> {
        let typ = match r.typ {
            Some(t) => t,
            None if bare_village_ok => TypeWord::Village,
            None => return None,
        };
        if !typ.allows_unknown() {
            return None;
        }
        let tsp = township;
        let admin1 = region
            .or_else(|| tsp.and_then(|t| places[t as usize].admin1))
            .or_else(|| sets.single_admin1());
        let (lat, lon) = match tsp {
            Some(t) => g.records.main_town_coords(t),
            None => (None, None),
        };
        let mut why = why;
        if region.is_none() && tsp.is_none() && admin1.is_some() {
            why.push_str("; region: the only one named in the document");
        }
        if tsp.is_some() {
            why.push_str("; coordinates of its township's main town");
        }
        Some(Resolved {
            loc: Location {
                name: written.to_string(),
                place_id: None,
                kind: Some(typ.kind().to_string()),
                admin1: admin1.map(|a| ADMIN1[a as usize].to_string()),
                township: tsp.map(|t| places[t as usize].name.to_string()),
                lat: lat.map(round5),
                lon: lon.map(round5),
                precision: Some(typ.precision()),
                span: None,
            },
            admin1,
            township: tsp,
            level_rank: 2,
            why,
            firm: tsp.is_some() || region.is_some(),
        })
    };
    let ctx_text = if ctx_why.is_empty() {
        String::new()
    } else {
        cat(&[" (", &ctx_why.join("; "), ")"])
    };
    let Some(best) = scored.first() else {
        if r.doc_local {
            return None;
        }
        return unknown(format!(
            "not in the gazetteer; named as a {}{}",
            r.typ.map(|t| t.kind()).unwrap_or("place"),
            ctx_text
        ));
    };
    let bp = &places[best.0 as usize];
    let rank = level_rank(bp);
    if r.inside {
        let typ = r.typ.unwrap_or(TypeWord::Village);
        let (lat, lon) = bp
            .township
            .map(|t| g.records.main_town_coords(t))
            .unwrap_or((None, None));
        return Some(Resolved {
            loc: Location {
                name: written.to_string(),
                place_id: None,
                kind: Some(typ.kind().to_string()),
                admin1: bp.admin1_name().map(str::to_string),
                township: bp.township.map(|t| places[t as usize].name.to_string()),
                lat: lat.map(round5),
                lon: lon.map(round5),
                precision: Some(typ.precision()),
                span: None,
            },
            admin1: bp.admin1,
            township: bp.township,
            level_rank: 2,
            why: format!(
                "a {} named after {} {}{}; coordinates of its township's main town",
                typ.kind(),
                bp.kind,
                bp.id,
                ctx_text
            ),
            firm: true,
        });
    }
    // Village-level names: the context must agree.
    if best.2
        && (rank == 2
            || r.cands
                .iter()
                .all(|&c| level_rank(&places[c as usize]) == 2))
    {
        return unknown(format!(
            "no `{}` in the gazetteer fits the context{}; kept as written",
            r.key, ctx_text
        ));
    }
    let top = || scored.iter().take_while(|s| s.1 == best.1);
    let tie = top().any(|s| places[s.0 as usize].admin1 != bp.admin1);
    let tie_tsp = top().any(|s| places[s.0 as usize].township != bp.township);
    if rank == 2 {
        let supported = township.is_some_and(|t| bp.township == Some(t))
            || bp.township.is_some_and(|t| sets.townships.contains(&t));
        if r.bare && !supported {
            return None;
        }
        if tie || tie_tsp {
            if r.typ.is_some() {
                return unknown(format!(
                    "{} places named `{}` and nothing in the text chooses{}",
                    scored.len(),
                    r.key,
                    ctx_text
                ));
            }
            return None;
        }
    }
    // Common words and ethnonyms need support from the document.
    if r.common && r.bare {
        let support = r.locative_before
            && (bp.township.is_some_and(|t| sets.townships.contains(&t))
                || bp.admin1.is_some_and(|a| sets.admin1.contains(&a))
                || region.is_some_and(|a| bp.admin1 == Some(a)));
        if !support {
            return None;
        }
    }
    if tie && rank <= 1 && r.typ.is_none() {
        // Two townships of the same name in different regions and no context.
        let alts: Vec<String> = scored
            .iter()
            .take_while(|s| s.1 == best.1)
            .map(|s| {
                let p = &places[s.0 as usize];
                format!("{} {} ({})", p.kind, p.id, p.admin1_name().unwrap_or("?"))
            })
            .collect();
        return Some(Resolved {
            loc: Location {
                name: written.to_string(),
                place_id: None,
                kind: Some(bp.kind.to_string()),
                admin1: None,
                township: None,
                lat: None,
                lon: None,
                precision: Some(bp.precision),
                span: None,
            },
            admin1: None,
            township: None,
            level_rank: rank,
            why: format!("ambiguous: {}", alts.join(", ")),
            firm: false,
        });
    }
    let mut loc = location_of_pub(g, bp, written);
    let mut why = reasons(g, best.0, &sc);
    why.push_str(&ctx_text);
    if best.2 {
        why.push_str("; the gazetteer disagrees with the context, the gazetteer wins");
    }
    if let Some(t) = typed_site {
        if !t.accepts(bp) {
            // A site at a known place ("Hsipaw Prison").
            loc.place_id = None;
            loc.kind = Some(t.kind().to_string());
            loc.precision = Some(PlacePrecision::Site);
            why = format!("{} at {}", t.kind(), why);
        }
    }
    let firm = r.typ.is_some() || region.is_some() || township.is_some() || rank <= 1;
    Some(Resolved {
        admin1: bp.admin1,
        township: bp.township,
        level_rank: rank,
        loc,
        why,
        firm,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin1_sets() {
        let mut s = U8Set::default();
        assert_eq!(s.single(), None);
        s.insert(7);
        assert!(s.contains(&7) && !s.contains(&6) && !s.contains(&71));
        assert_eq!(s.single(), Some(7));
        s.insert(7);
        assert_eq!(s.single(), Some(7));
        s.insert(200);
        assert!(s.contains(&200));
        assert_eq!(s.single(), None);
        let mut t = U8Set::default();
        t.insert(255);
        assert_eq!(t.single(), Some(255));
    }

    #[test]
    fn packing_in_place_matches_packing_a_copy() {
        let buf = b"in the northern part of kanbalu township, administrations and x";
        for s in 0..buf.len() {
            for e in s..=buf.len() {
                assert_eq!(
                    WordTable::pack_at(buf, s, e),
                    WordTable::pack_bytes(&buf[s..e]),
                    "{s}..{e}"
                );
            }
        }
    }

    /// The word table gives each word exactly the lists it is on.
    #[test]
    fn word_flags_match_the_lists() {
        let lists = [
            (FUNCTION_WORDS, FUNCTION),
            (LOCATIVE, LOCATIVE_W),
            (MODIFIERS, MODIFIER),
            (ETHNIC_NOUNS, ETHNIC_NOUN),
            (TITLES, TITLE),
        ];
        let firsts: Vec<&str> = TYPE_WORDS.iter().map(|(ws, _)| ws[0]).collect();
        let mut words: Vec<&str> = lists.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        words.extend(&firsts);
        words.extend([
            "",
            "x",
            "kalay",
            "townshi",
            "townshipss",
            "inn",
            "i",
            "northernmost1",
            "administrations",
            "a1234567890123456",
            "ကချင်",
            "müse",
        ]);
        for w in words {
            let mut want = 0;
            for (l, f) in lists {
                if l.contains(&w) {
                    want |= f;
                }
            }
            if firsts.contains(&w) {
                want |= TYPE_FIRST;
            }
            assert_eq!(word_flags(w), want, "{w:?}");
        }
    }
}
