//! The versioned data files of the crate (`data/*.tsv`), parsed once.

use sitrep_core::ActorKind;

/// `data/actors.tsv`: the actor dictionary.
pub(crate) const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
/// `data/generic.tsv`: generic references ("troops", "the group").
pub(crate) const GENERIC_TSV: &str = include_str!("../data/generic.tsv");
/// `data/units.tsv`: unit type words and their canonical prefixes.
pub(crate) const UNITS_TSV: &str = include_str!("../data/units.tsv");
/// `data/people.tsv`: ranks, roles, honorifics and non-name words.
pub(crate) const PEOPLE_TSV: &str = include_str!("../data/people.tsv");
/// `data/speech.tsv`: verbs of saying.
pub(crate) const SPEECH_TSV: &str = include_str!("../data/speech.tsv");

/// One actor of the dictionary with what the exports need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    /// Canonical name (spec §5 table for the main actors).
    pub canonical: String,
    pub kind: ActorKind,
    /// `junta`, `resistance`, `neutral`, `civilian` or `international`.
    pub side: String,
    /// The force or body it belongs to ("Myanmar Armed Forces" for a command).
    pub parent: Option<String>,
    /// ACLED actor name for the export, when it is an ACLED actor.
    pub acled_actor: Option<String>,
    /// ACLED interaction code (1 state forces, 2 rebels, 3 political militias,
    /// 4 identity militias, 6 protesters, 7 civilians, 0 not an actor).
    pub inter: u8,
}

/// An alias of an actor as the dictionary lists it.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    pub text: String,
    pub case_sensitive: bool,
    /// Index into the actor list.
    pub actor: usize,
}

/// How a generic reference is resolved (see `data/generic.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GenericClass {
    Force,
    Fighters,
    Resist,
    Group,
    Alliance,
    Unit,
    Militia,
    Poss,
    Eao,
    Modifier,
}

/// A generic phrase with its resolution class and default actor.
#[derive(Debug, Clone)]
pub(crate) struct Generic {
    pub text: String,
    pub class: GenericClass,
    /// Index into the actor list of the default canonical.
    pub default: usize,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    tsv.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').collect()))
        }
    })
}

/// An alias is matched case-sensitively when it is an acronym written in capitals
/// ("AA", "SAC", "ULA/AA", "SSA-N").
pub(crate) fn is_acronym(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_uppercase())
        && !s.chars().any(|c| c.is_ascii_lowercase() || c == ' ')
}

/// Parse `actors.tsv`; panics with the line number on a malformed row (the file is
/// embedded, so a bad row is a build-time bug caught by the tests).
pub(crate) fn load_actors() -> (Vec<ActorInfo>, Vec<Alias>) {
    let mut actors = Vec::new();
    let mut aliases = Vec::new();
    for (line, cols) in rows(ACTORS_TSV) {
        assert!(
            cols.len() == 7,
            "actors.tsv line {line}: expected 7 columns"
        );
        let kind: ActorKind = cols[1]
            .parse()
            .unwrap_or_else(|e| panic!("actors.tsv line {line}: {e}"));
        let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
        let inter: u8 = cols[5]
            .parse()
            .unwrap_or_else(|_| panic!("actors.tsv line {line}: bad inter code"));
        let idx = actors.len();
        actors.push(ActorInfo {
            canonical: cols[0].to_string(),
            kind,
            side: cols[2].to_string(),
            parent: opt(cols[3]),
            acled_actor: opt(cols[4]),
            inter,
        });
        for a in cols[6].split('|').map(str::trim).filter(|a| !a.is_empty()) {
            aliases.push(Alias {
                text: a.to_string(),
                case_sensitive: is_acronym(a),
                actor: idx,
            });
        }
    }
    (actors, aliases)
}

/// Parse `generic.tsv` against the actor list.
pub(crate) fn load_generics(actors: &[ActorInfo]) -> Vec<Generic> {
    rows(GENERIC_TSV)
        .map(|(line, cols)| {
            assert!(
                cols.len() == 3,
                "generic.tsv line {line}: expected 3 columns"
            );
            let class = match cols[1] {
                "force" => GenericClass::Force,
                "fighters" => GenericClass::Fighters,
                "resist" => GenericClass::Resist,
                "group" => GenericClass::Group,
                "alliance" => GenericClass::Alliance,
                "unit" => GenericClass::Unit,
                "militia" => GenericClass::Militia,
                "poss" => GenericClass::Poss,
                "eao" => GenericClass::Eao,
                "modifier" => GenericClass::Modifier,
                other => panic!("generic.tsv line {line}: unknown class `{other}`"),
            };
            let default = actors
                .iter()
                .position(|a| a.canonical == cols[2])
                .unwrap_or_else(|| panic!("generic.tsv line {line}: unknown actor `{}`", cols[2]));
            Generic {
                text: cols[0].to_string(),
                class,
                default,
            }
        })
        .collect()
}

/// Parse `units.tsv`: (written type, canonical prefix), longest first.
pub(crate) fn load_unit_types() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = rows(UNITS_TSV)
        .map(|(line, cols)| {
            assert!(cols.len() == 2, "units.tsv line {line}: expected 2 columns");
            (cols[0], cols[1])
        })
        .collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
    v
}

/// Parse a two-column `class<TAB>value` file.
pub(crate) fn load_pairs(tsv: &'static str, name: &str) -> Vec<(&'static str, &'static str)> {
    rows(tsv)
        .map(|(line, cols)| {
            assert!(cols.len() == 2, "{name} line {line}: expected 2 columns");
            (cols[0], cols[1])
        })
        .collect()
}
