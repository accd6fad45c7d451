//! Myanmar gazetteer and geocoder (spec §3).
//!
//! The embedded data are the MIMU P-codes (release 9.6, Feb 2025: 15 admin1 units,
//! districts, townships with sub-townships and self-administered zones, towns, wards,
//! village tracts and villages with English and Burmese names and coordinates) plus
//! curated files: spelling variants, admin1 aliases, regional labels and sites no
//! registry has (prisons, military commands, border gates, camps, universities).
//! See `data/README.md` for the formats, sources and licence.
//!
//! [`Gazetteer::find`] is the geocoder stage of the pipeline; [`Gazetteer::resolve`] and
//! [`Gazetteer::admin1_of`] resolve a free name; [`Gazetteer::lookup`] lists every
//! candidate with its score and why.
//!
//! Names are found with a hashed index of normalised names probed with the longest run
//! of capitalised words at each position (word boundaries and capitalisation come for
//! free, and it builds faster than an automaton over 100 000 names), plus patterns
//! around type words ("X Township", "X village", "X Prison", "X Region", "the town of
//! X"). See the `geocode` module for the resolution rules.

mod data;
mod fxhash;
mod geocode;
pub mod geonames;
mod names;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sitrep_core::{Location, PlaceMention, Sentence};

use data::Records;
pub use data::{Level, Place, Source, ADMIN1};

/// An error reading gazetteer data (a user TSV or a GeoNames dump).
#[derive(Debug)]
pub struct GazetteerError(pub String);

impl std::fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GazetteerError {}

/// The name index: (hash of a normalised key, place), sorted. Hashing the keys instead
/// of storing them keeps the start-up cost and memory low; 64-bit collisions among
/// some 150 000 keys are negligible.
#[derive(Debug, Default)]
pub(crate) struct Index {
    entries: Vec<(u64, u32)>,
    /// `entries[buckets[b]..buckets[b + 1]]` are the entries whose hash has `b` as its
    /// top `bucket_bits` bits: a lookup is one bucket, not a binary search of them all.
    buckets: Vec<u32>,
    bucket_bits: u32,
    /// One bit per value of a hash's top `FILTER_BITS` bits, set for the hashes of the
    /// entries: most probes of running text miss, and this small table (in cache) says
    /// so without touching the large ones.
    filter: Vec<u64>,
    keys: usize,
    pub(crate) max_words: usize,
    pub(crate) common: fxhash::FxSet<String>,
    pub(crate) ethnonyms: fxhash::FxSet<String>,
}

/// Bits of the index's filter (2^20 bits, 128 KiB).
const FILTER_BITS: u32 = 20;

const COMMON_WORDS_TXT: &str = include_str!("../data/common_words.txt");

impl Index {
    fn build(r: &Records) -> Index {
        let mut ix = Index::default();
        let mut entries: Vec<(u64, u32)> = Vec::with_capacity(r.places.len() * 3);
        let (mut a, mut b) = (String::new(), String::new());
        let mut max_words = 1;
        let mut add = |name: &str, i: u32, entries: &mut Vec<(u64, u32)>| {
            names::for_each_key(name, &mut a, &mut b, &mut |k| {
                let nw = k.bytes().filter(|&c| c == b' ').count() + 1;
                max_words = max_words.max(nw.min(8));
                entries.push((fxhash::hash_str(k), i));
            });
        };
        for (i, p) in r.places.iter().enumerate() {
            let i = i as u32;
            if p.level == Level::Ward && !usable_ward_name(&p.name) {
                continue;
            }
            add(&p.name, i, &mut entries);
            if p.level == Level::Ward {
                if let Some(b) = p.name.strip_suffix(" Ward") {
                    add(b, i, &mut entries);
                }
            }
            for al in &p.aliases {
                add(al, i, &mut entries);
            }
            // Burmese names are not indexed: Burmese script has no spaces between
            // words, so they cannot be matched in running text this way;
            // `lookup` finds them by a scan.
        }
        for (n, i) in &r.extra_names {
            add(n, *i, &mut entries);
        }
        entries.sort_unstable();
        entries.dedup();
        let mut keys = 0;
        let mut last = None;
        for e in &entries {
            if last != Some(e.0) {
                keys += 1;
                last = Some(e.0);
            }
        }
        // About one entry a bucket.
        let bits = (usize::BITS - entries.len().leading_zeros()).clamp(1, 24);
        let nb = 1usize << bits;
        let mut buckets = Vec::with_capacity(nb + 1);
        let mut e = 0;
        for b in 0..nb {
            while e < entries.len() && ((entries[e].0 >> (64 - bits)) as usize) < b {
                e += 1;
            }
            buckets.push(e as u32);
        }
        buckets.push(entries.len() as u32);
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        for e in &entries {
            let f = (e.0 >> (64 - FILTER_BITS)) as usize;
            filter[f / 64] |= 1 << (f % 64);
        }
        ix.filter = filter;
        ix.buckets = buckets;
        ix.bucket_bits = bits;
        ix.entries = entries;
        ix.keys = keys;
        ix.max_words = max_words;
        ix.ethnonyms = r
            .ethnonyms
            .iter()
            .map(|e| names::words(e).join(" "))
            .collect();
        ix.common = COMMON_WORDS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| names::words(l).join(" "))
            .collect();
        ix
    }

    /// The entries of a normalised key: (hash, place), in place order.
    fn slot(&self, key: &str) -> &[(u64, u32)] {
        self.slot_of_hash(fxhash::hash_str(key))
    }

    fn slot_of_hash(&self, h: u64) -> &[(u64, u32)] {
        if self.entries.is_empty() {
            return &[];
        }
        let f = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter[f / 64] & (1 << (f % 64)) == 0 {
            return &[];
        }
        let b = (h >> (64 - self.bucket_bits)) as usize;
        let bucket = &self.entries[self.buckets[b] as usize..self.buckets[b + 1] as usize];
        let lo = bucket.iter().position(|e| e.0 == h).unwrap_or(bucket.len());
        let n = bucket[lo..].iter().take_while(|e| e.0 == h).count();
        &bucket[lo..lo + n]
    }

    /// Places indexed under a normalised key.
    pub(crate) fn lookup_key(&self, key: &str) -> Vec<u32> {
        self.slot(key).iter().map(|e| e.1).collect()
    }

    /// Whether any place is indexed under a normalised key.
    pub(crate) fn has_key(&self, key: &str) -> bool {
        !self.slot(key).is_empty()
    }
}

/// Ward names such as "No (4) Ward" name nothing on their own.
fn usable_ward_name(n: &str) -> bool {
    let first = n.split_whitespace().next().unwrap_or("");
    !(first.eq_ignore_ascii_case("no")
        || first.eq_ignore_ascii_case("no.")
        || first.starts_with(|c: char| c.is_ascii_digit() || c == '('))
}

/// The gazetteer: embedded data plus any user additions.
pub struct Gazetteer {
    records: Records,
    index: Index,
}

/// One candidate of [`Gazetteer::lookup`].
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The place as a location (name as the gazetteer writes it).
    pub location: Location,
    /// Higher is better; the first candidate is what [`Gazetteer::resolve`] returns.
    pub score: i32,
    /// Why it scored so.
    pub why: String,
    /// The gazetteer record.
    pub source: Source,
}

static USER_FILES: OnceLock<Vec<PathBuf>> = OnceLock::new();
static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The embedded gazetteer plus the user's gazetteer files (see [`user_files`]),
    /// built once on first use. A bad user file is reported on stderr and skipped.
    pub fn embedded() -> &'static Gazetteer {
        EMBEDDED.get_or_init(|| {
            let mut g = Gazetteer::builtin();
            for p in user_files() {
                if let Err(e) = g.add_user_file(&p) {
                    eprintln!("sitrep: warning: {e}");
                }
            }
            g
        })
    }

    /// Choose the user gazetteer files [`Gazetteer::embedded`] merges (e.g. from a
    /// `--gazetteer FILE.tsv` option). Must be called before the first use of
    /// `embedded()`; returns false if it was too late.
    pub fn set_user_files(paths: Vec<PathBuf>) -> bool {
        USER_FILES.set(paths).is_ok() && EMBEDDED.get().is_none()
    }

    /// Only the data built into the binary, without user files.
    pub fn builtin() -> Gazetteer {
        let records = Records::embedded();
        let index = Index::build(&records);
        Gazetteer { records, index }
    }

    /// The built-in data plus the given user TSV files.
    pub fn with_user_files(paths: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::builtin();
        for p in paths {
            g.add_user_file(p)?;
        }
        Ok(g)
    }

    /// Merge a user TSV file (format of `data/places.tsv`, see the data README).
    pub fn add_user_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            GazetteerError(format!(
                "cannot read gazetteer file {}: {e}",
                path.display()
            ))
        })?;
        self.add_user_tsv(&text)
            .map_err(|e| GazetteerError(format!("gazetteer file {}: {e}", path.display())))
    }

    /// Merge user rows given as TSV text; rows whose id is already known update that
    /// place (new name, aliases, coordinates). Returns the number of rows read.
    pub fn add_user_tsv(&mut self, text: &str) -> Result<usize, GazetteerError> {
        let n = data::rows(text).count();
        let errors = self.records.load_place_rows(text, Source::User);
        if !errors.is_empty() {
            return Err(GazetteerError(errors.join("; ")));
        }
        self.index = Index::build(&self.records);
        Ok(n)
    }

    /// Number of places (records) in the gazetteer.
    pub fn len(&self) -> usize {
        self.records.places.len()
    }

    /// Whether the gazetteer has no places (never true for the embedded one).
    pub fn is_empty(&self) -> bool {
        self.records.places.is_empty()
    }

    /// Number of distinct name keys in the index.
    pub fn name_count(&self) -> usize {
        self.index.keys
    }

    /// Every place record.
    pub fn places(&self) -> &[Place] {
        &self.records.places
    }

    /// A place by P-code or curated/user id.
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.records
            .get(id)
            .map(|i| &self.records.places[i as usize])
    }

    /// Every place mention in `text`, resolved with the document as context, in text order.
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<PlaceMention> {
        self.find_impl(text, sentences)
    }

    /// Canonical admin1 name (spec §3) of an admin1 name or alias: "Karenni" → "Kayah",
    /// "northern Shan State" → "Shan", "Sagaing Region" → "Sagaing".
    pub fn canonical_admin1(&self, name: &str) -> Option<&'static str> {
        let mut w = names::words(name);
        if matches!(
            w.last().map(String::as_str),
            Some("region" | "state" | "division")
        ) {
            w.pop();
        }
        let key = w.join(" ");
        self.index
            .lookup_key(&key)
            .into_iter()
            .map(|i| &self.records.places[i as usize])
            .find(|p| matches!(p.level, Level::Admin1 | Level::Admin1Part))
            .and_then(|p| p.admin1_name())
    }

    /// Every candidate for a free name (with or without its type word: "Kanbalu
    /// Township", "Insein Prison", "Kalay"), best first, scored with an optional admin1
    /// hint (any admin1 name or alias).
    pub fn lookup(&self, name: &str, admin1_hint: Option<&str>) -> Vec<Candidate> {
        let hint = admin1_hint
            .and_then(|h| self.canonical_admin1(h))
            .and_then(data::admin1_index);
        let mut w = names::words(name);
        let mut cands = self.index.lookup_key(&w.join(" "));
        if cands.is_empty() && name.chars().any(|c| matches!(c as u32, 0x1000..=0x109F)) {
            // A Burmese name: compare with every Burmese name, spaces ignored.
            let want: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            cands = self
                .records
                .places
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    !p.name_mmr.is_empty()
                        && p.name_mmr
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .eq(want.chars())
                })
                .map(|(i, _)| i as u32)
                .collect();
        }
        if cands.is_empty() && w.len() > 1 {
            cands = self.index.lookup_key(&w.concat());
        }
        let mut typ = None;
        if cands.is_empty() && w.len() > 1 {
            // Strip a type word: "Kanbalu Township" → "Kanbalu" (townships only).
            let t = w.pop().unwrap_or_default();
            typ = Some(t);
            cands = self.index.lookup_key(&w.join(" "));
            if cands.is_empty() && w.len() > 1 {
                cands = self.index.lookup_key(&w.concat());
            }
        }
        if let Some(t) = typ.as_deref() {
            let keep = |p: &Place| match t {
                "township" | "townships" => p.level == Level::Township,
                "region" | "state" | "division" => {
                    matches!(p.level, Level::Admin1 | Level::Admin1Part | Level::Region)
                }
                "district" => p.level == Level::District,
                "town" | "city" => matches!(p.level, Level::Town | Level::City | Level::Township),
                "village" => matches!(p.level, Level::Village | Level::VillageTract),
                "ward" => p.level == Level::Ward,
                _ => true,
            };
            let f: Vec<u32> = cands
                .iter()
                .copied()
                .filter(|&i| keep(&self.records.places[i as usize]))
                .collect();
            if !f.is_empty() {
                cands = f;
            }
        }
        let scored = geocode::score_candidates(
            self,
            &cands,
            geocode::ScoreCtx {
                region: hint,
                ..Default::default()
            },
        );
        scored
            .into_iter()
            .map(|(c, s, conflict, why)| {
                let p = &self.records.places[c as usize];
                let mut why = why;
                if conflict {
                    why.push_str(", outside the hinted region");
                }
                Candidate {
                    location: geocode::location_of_pub(self, p, &p.name),
                    score: s,
                    why,
                    source: p.source,
                }
            })
            .collect()
    }

    /// Resolve a free name (e.g. one the event assembler holds) with an optional admin1
    /// hint; the best candidate, or `None` when the gazetteer does not know the name or
    /// only candidates outside the hinted region exist for a village-level name.
    /// `location.name` is `name` as given.
    pub fn resolve(&self, name: &str, admin1_hint: Option<&str>) -> Option<Location> {
        let c = self.lookup(name, admin1_hint);
        let best = c.first()?;
        let hint = admin1_hint.and_then(|h| self.canonical_admin1(h));
        if let (Some(h), Some(a)) = (hint, best.location.admin1.as_deref()) {
            if h != a
                && matches!(
                    best.location.precision,
                    Some(sitrep_core::PlacePrecision::Site)
                )
            {
                return None;
            }
        }
        // Several top candidates in different regions and no hint: ambiguous.
        if let Some(second) = c.get(1) {
            if second.score == best.score && second.location.admin1 != best.location.admin1 {
                return None;
            }
        }
        let mut loc = best.location.clone();
        loc.name = name.to_string();
        Some(loc)
    }

    /// Canonical admin1 of a free name ("Kalay" → "Sagaing", "Karenni" → "Kayah").
    pub fn admin1_of(&self, name: &str) -> Option<&str> {
        if let Some(a) = self.canonical_admin1(name) {
            return Some(a);
        }
        let c = self.lookup(name, None);
        let best = c.first()?;
        let a = best.location.admin1.as_deref()?;
        // Every top candidate must agree.
        let agree = c
            .iter()
            .take_while(|x| x.score == best.score)
            .all(|x| x.location.admin1.as_deref() == Some(a));
        let i = data::admin1_index(a)?;
        agree.then_some(data::ADMIN1[i as usize])
    }
}

/// The user gazetteer files merged by [`Gazetteer::embedded`]: those given to
/// [`Gazetteer::set_user_files`], else the paths in `$SITREP_GAZETTEER` (separated like
/// `PATH`), plus the default user file ([`default_user_file`]) when it exists.
pub fn user_files() -> Vec<PathBuf> {
    if let Some(v) = USER_FILES.get() {
        return v.clone();
    }
    let mut out: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os("SITREP_GAZETTEER") {
        out.extend(std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()));
    }
    if let Some(d) = default_user_file() {
        if d.is_file() && !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// `$XDG_DATA_HOME/sitrep/gazetteer.tsv`, else `~/.local/share/sitrep/gazetteer.tsv`:
/// where `sitrep gazetteer import` stores its rows.
pub fn default_user_file() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME") {
        Some(x) if !x.is_empty() => PathBuf::from(x),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".local/share"),
    };
    Some(base.join("sitrep").join("gazetteer.tsv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bucket lookup finds what a binary search of all entries finds.
    #[test]
    fn bucket_lookup_matches_binary_search() {
        let g = Gazetteer::builtin();
        let ix = &g.index;
        let search = |h: u64| {
            let lo = ix.entries.partition_point(|e| e.0 < h);
            let n = ix.entries[lo..].iter().take_while(|e| e.0 == h).count();
            &ix.entries[lo..lo + n]
        };
        let mut probes: Vec<u64> = ix.entries.iter().map(|e| e.0).collect();
        let mut x: u64 = 0x1234_5678_9abc_def0;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            probes.push(x);
        }
        probes.extend([0, 1, u64::MAX, u64::MAX - 1]);
        for h in probes {
            assert_eq!(ix.slot_of_hash(h), search(h), "{h:x}");
        }
        assert!(Index::default().lookup_key("kalay").is_empty());
    }

    /// The index stores key hashes only: no two distinct keys of the data may collide.
    #[test]
    fn no_two_index_keys_share_a_hash() {
        let r = Records::embedded();
        let mut seen: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
        let mut collisions = Vec::new();
        let (mut a, mut b) = (String::new(), String::new());
        let mut check = |k: &str, collisions: &mut Vec<String>| {
            let h = fxhash::hash_str(k);
            match seen.get(&h) {
                Some(o) if o != k => collisions.push(format!("{o} / {k}")),
                Some(_) => {}
                None => {
                    seen.insert(h, k.to_string());
                }
            }
        };
        for p in &r.places {
            let mut names: Vec<&str> = vec![&p.name];
            names.extend(p.aliases.iter().map(|x| x.as_ref()));
            for n in names {
                let mut keys = Vec::new();
                names::for_each_key(n, &mut a, &mut b, &mut |k| keys.push(k.to_string()));
                for k in keys {
                    check(&k, &mut collisions);
                }
            }
        }
        assert!(collisions.is_empty(), "{collisions:?}");
    }
}
