//! Loading the gazetteer's data files: the generated MIMU P-code tables, the curated
//! files written by hand, and user TSV files (see `data/README.md` for every format).

use std::borrow::Cow;
use std::io::Read;

use sitrep_core::PlacePrecision;

use crate::fxhash::FxMap;

/// The 15 canonical admin1 names of spec §3.
pub const ADMIN1: [&str; 15] = [
    "Kachin",
    "Kayah",
    "Kayin",
    "Chin",
    "Sagaing",
    "Tanintharyi",
    "Bago",
    "Magway",
    "Mandalay",
    "Mon",
    "Rakhine",
    "Yangon",
    "Shan",
    "Ayeyarwady",
    "Naypyitaw",
];

/// Index of a canonical admin1 name in [`ADMIN1`] (exact, case-sensitive).
pub fn admin1_index(name: &str) -> Option<u8> {
    ADMIN1.iter().position(|a| *a == name).map(|i| i as u8)
}

/// What level of the hierarchy (or what sort of curated place) a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Country,
    /// One of the 15 spec §3 units.
    Admin1,
    /// A MIMU state-level part (Bago (East), Shan (North), …) or a label for one.
    Admin1Part,
    /// A regional label that is not an administrative unit (Wa region, Dry Zone).
    Region,
    District,
    Township,
    /// A city spanning several townships (Yangon, Mandalay).
    City,
    Town,
    Ward,
    VillageTract,
    Village,
    /// A prison, base, camp, university, landmark … (curated or user).
    Site,
}

impl Level {
    /// Spec §3 precision of a place of this level.
    pub fn precision(self) -> PlacePrecision {
        match self {
            Level::Country => PlacePrecision::Country,
            Level::Admin1 | Level::Admin1Part => PlacePrecision::Admin1,
            Level::Region | Level::District => PlacePrecision::District,
            Level::Township => PlacePrecision::Township,
            Level::City | Level::Town => PlacePrecision::Town,
            Level::Ward | Level::VillageTract | Level::Village | Level::Site => {
                PlacePrecision::Site
            }
        }
    }
}

/// Where a record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Mimu,
    Curated,
    User,
}

/// One place of the gazetteer.
#[derive(Debug, Clone)]
pub struct Place {
    /// MIMU P-code, curated id (`sitrep:…`) or user id (`geonames:…`).
    pub id: Cow<'static, str>,
    /// English name (MIMU spelling for registry places).
    pub name: Cow<'static, str>,
    /// Burmese name (empty when unknown).
    pub name_mmr: Cow<'static, str>,
    /// Kind as reported in `location.kind`: `admin1`, `district`, `township`, `town`,
    /// `ward`, `village_tract`, `village`, `prison`, `military_command`, …
    pub kind: Cow<'static, str>,
    pub level: Level,
    pub precision: PlacePrecision,
    /// Index into [`ADMIN1`].
    pub admin1: Option<u8>,
    /// Index of the township record this place lies in (itself for a township).
    pub township: Option<u32>,
    /// Index of the parent record (district of a township, township of a town, …).
    pub parent: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub source: Source,
    /// Other names it is written as (aliases), besides `name`.
    pub aliases: Vec<Cow<'static, str>>,
}

impl Place {
    /// Canonical admin1 name.
    pub fn admin1_name(&self) -> Option<&'static str> {
        self.admin1.map(|i| ADMIN1[i as usize])
    }
}

/// Every record plus the P-code → index map.
#[derive(Debug, Default, Clone)]
pub struct Records {
    pub places: Vec<Place>,
    /// Hash of the id → index (the id is checked on lookup).
    pub by_id: FxMap<u64, u32>,
    /// Extra names (admin1 aliases, labels) for a record, as (name, record).
    pub extra_names: Vec<(Cow<'static, str>, u32)>,
    /// Names that are ethnonyms as well as places (Shan, Karen, Kokang …): they count as
    /// places only with a type word or after a locative preposition.
    pub ethnonyms: Vec<String>,
    /// Township → its town of the same name.
    pub main_town: FxMap<u32, u32>,
    /// Parent of the previous child row (rows are sorted by parent).
    last_parent: Option<(&'static str, u32)>,
}

const ADMIN1_TSV: &str = include_str!("../data/admin1.tsv");
const DISTRICTS_TSV: &str = include_str!("../data/districts.tsv");
const TOWNSHIPS_TSV: &str = include_str!("../data/townships.tsv");
const TOWNS_TSV: &str = include_str!("../data/towns.tsv");
const WARDS_TSV: &str = include_str!("../data/wards.tsv");
const TRACTS_TSV: &str = include_str!("../data/village_tracts.tsv");
const VILLAGES_GZ: &[u8] = include_bytes!("../data/villages.tsv.gz");
const ADMIN1_ALIASES_TSV: &str = include_str!("../data/admin1_aliases.tsv");
const ALIASES_TSV: &str = include_str!("../data/aliases.tsv");
const PLACES_TSV: &str = include_str!("../data/places.tsv");
const ETHNONYMS_TXT: &str = include_str!("../data/ethnonyms.txt");

/// Data rows of a TSV file: skips blank lines and `#` comment/header lines.
pub fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn col<'a>(r: &[&'a str], i: usize) -> &'a str {
    r.get(i).copied().unwrap_or("").trim()
}

fn coord(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn st(s: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(s)
}

impl Records {
    fn push(&mut self, p: Place) -> u32 {
        let i = self.places.len() as u32;
        self.by_id.insert(crate::fxhash::hash_str(&p.id), i);
        self.places.push(p);
        i
    }

    /// Index of a record by id.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.by_id
            .get(&crate::fxhash::hash_str(id))
            .copied()
            .filter(|&i| self.places[i as usize].id == id)
    }

    /// The built-in data: MIMU tables plus the curated files.
    pub fn embedded() -> Records {
        let mut r = Records::default();
        r.load_mimu();
        r.load_curated();
        r
    }

    fn load_mimu(&mut self) {
        // Canonical admin1 units first, then the 18 MIMU state-level units.
        let mut state_rows = Vec::new();
        for (_, c) in rows(ADMIN1_TSV) {
            state_rows.push(c);
        }
        for (ai, name) in ADMIN1.iter().enumerate() {
            let members: Vec<&Vec<&str>> =
                state_rows.iter().filter(|c| col(c, 2) == *name).collect();
            let ids: Vec<&str> = members.iter().map(|c| col(c, 0)).collect();
            let n = members.len().max(1) as f64;
            let lat = members.iter().filter_map(|c| coord(col(c, 4))).sum::<f64>() / n;
            let lon = members.iter().filter_map(|c| coord(col(c, 5))).sum::<f64>() / n;
            let (name_mmr, id): (Cow<'static, str>, Cow<'static, str>) = if members.len() == 1 {
                (st(col(members[0], 3)), st(col(members[0], 0)))
            } else {
                (Cow::Borrowed(""), Cow::Owned(ids.join("+")))
            };
            self.push(Place {
                id,
                name: st(name),
                name_mmr,
                kind: st("admin1"),
                level: Level::Admin1,
                precision: PlacePrecision::Admin1,
                admin1: Some(ai as u8),
                township: None,
                parent: None,
                lat: Some(lat),
                lon: Some(lon),
                source: Source::Mimu,
                aliases: Vec::new(),
            });
        }
        for c in &state_rows {
            let Some(ai) = admin1_index(col(c, 2)) else {
                continue;
            };
            if state_rows.iter().filter(|x| col(x, 2) == col(c, 2)).count() == 1 {
                // A state that is one MIMU unit: its P-code is already the admin1 record.
                continue;
            }
            self.push(Place {
                id: st(col(c, 0)),
                name: st(col(c, 1)),
                name_mmr: st(col(c, 3)),
                kind: st("admin1"),
                level: Level::Admin1Part,
                precision: PlacePrecision::Admin1,
                admin1: Some(ai),
                township: None,
                parent: Some(ai as u32),
                lat: coord(col(c, 4)),
                lon: coord(col(c, 5)),
                source: Source::Mimu,
                aliases: Vec::new(),
            });
        }
        let admin1_of_state = |r: &Records, pcode: &str| -> Option<u8> {
            r.get(pcode).and_then(|i| r.places[i as usize].admin1)
        };
        for (_, c) in rows(DISTRICTS_TSV) {
            let a = admin1_of_state(self, col(&c, 1));
            let parent = self.get(col(&c, 1));
            self.push(Place {
                id: st(col(&c, 0)),
                name: st(col(&c, 2)),
                name_mmr: st(col(&c, 3)),
                kind: st("district"),
                level: Level::District,
                precision: PlacePrecision::District,
                admin1: a,
                township: None,
                parent,
                lat: coord(col(&c, 4)),
                lon: coord(col(&c, 5)),
                source: Source::Mimu,
                aliases: Vec::new(),
            });
        }
        for (_, c) in rows(TOWNSHIPS_TSV) {
            let a = admin1_of_state(self, col(&c, 2));
            let parent = self.get(col(&c, 1));
            let i = self.places.len() as u32;
            let name = col(&c, 3);
            let kind = if name.contains("Sub-township") {
                "sub_township"
            } else {
                "township"
            };
            self.push(Place {
                id: st(col(&c, 0)),
                name: st(name),
                name_mmr: st(col(&c, 4)),
                kind: st(kind),
                level: Level::Township,
                precision: PlacePrecision::Township,
                admin1: a,
                township: Some(i),
                parent,
                lat: coord(col(&c, 5)),
                lon: coord(col(&c, 6)),
                source: Source::Mimu,
                aliases: Vec::new(),
            });
        }
        for (_, c) in rows(TOWNS_TSV) {
            if let Some(i) = self.push_child(&c, Level::Town, "town") {
                let town = &self.places[i as usize];
                if let Some(t) = town.township {
                    if self.places[t as usize].name == town.name {
                        self.main_town.entry(t).or_insert(i);
                    }
                }
            }
        }
        for (_, c) in rows(WARDS_TSV) {
            self.push_child(&c, Level::Ward, "ward");
        }
        for (_, c) in rows(TRACTS_TSV) {
            self.push_child(&c, Level::VillageTract, "village_tract");
        }
        let mut villages = String::new();
        let ok = flate2::read::GzDecoder::new(VILLAGES_GZ)
            .read_to_string(&mut villages)
            .is_ok();
        if ok {
            // Loaded once per process: the village names borrow from this buffer.
            let villages: &'static str = Box::leak(villages.into_boxed_str());
            for (_, c) in rows(villages) {
                self.push_child(&c, Level::Village, "village");
            }
        }
    }

    /// Town, ward, village tract or village row: `pcode parent name name_mmr lat lon`.
    fn push_child(&mut self, c: &[&'static str], level: Level, kind: &'static str) -> Option<u32> {
        // Rows come sorted by parent: remember the last one.
        let pcode = col(c, 1);
        let parent = match self.last_parent {
            Some((p, i)) if p == pcode => i,
            _ => {
                let i = self.get(pcode)?;
                self.last_parent = Some((pcode, i));
                i
            }
        };
        let pp = &self.places[parent as usize];
        let (admin1, township) = (pp.admin1, pp.township);
        let mut lat = coord(col(c, 4));
        let mut lon = coord(col(c, 5));
        if lat.is_none() || lon.is_none() {
            lat = pp.lat;
            lon = pp.lon;
        }
        Some(self.push(Place {
            id: st(col(c, 0)),
            name: st(col(c, 2)),
            name_mmr: st(col(c, 3)),
            kind: st(kind),
            level,
            precision: level.precision(),
            admin1,
            township,
            parent: Some(parent),
            lat,
            lon,
            source: Source::Mimu,
            aliases: Vec::new(),
        }))
    }

    fn load_curated(&mut self) {
        for (_, c) in rows(ADMIN1_ALIASES_TSV) {
            let target = if col(&c, 2).is_empty() {
                admin1_index(col(&c, 1)).map(|i| i as u32)
            } else {
                self.get(col(&c, 2))
            };
            if let Some(t) = target {
                self.extra_names.push((st(col(&c, 0)), t));
            }
        }
        for (_, c) in rows(ALIASES_TSV) {
            let Some(t) = self.get(col(&c, 1)) else {
                continue;
            };
            let alias = col(&c, 0);
            let p = &mut self.places[t as usize];
            if p.name.is_empty() {
                p.name = st(alias);
            } else {
                p.aliases.push(st(alias));
            }
            // An alias of a township also names its main town.
            if let Some(&m) = self.main_town.get(&t) {
                self.places[m as usize].aliases.push(st(alias));
            }
        }
        for w in ETHNONYMS_TXT.lines() {
            let w = w.trim();
            if !w.is_empty() && !w.starts_with('#') {
                self.ethnonyms.push(w.to_lowercase());
            }
        }
        let errors = self.load_place_rows(PLACES_TSV, Source::Curated);
        debug_assert!(errors.is_empty(), "curated places.tsv: {errors:?}");
    }

    /// Adds (or, for a known id, updates) places from a TSV in the `places.tsv` format:
    /// `id name kind precision admin1 township_pcode lat lon aliases`. Returns one
    /// message per rejected row.
    pub fn load_place_rows(&mut self, text: &str, source: Source) -> Vec<String> {
        let mut errors = Vec::new();
        for (line, c) in rows(text) {
            match self.place_row(&c, source) {
                Ok(()) => {}
                Err(e) => errors.push(format!("line {line}: {e}")),
            }
        }
        errors
    }

    fn place_row(&mut self, c: &[&str], source: Source) -> Result<(), String> {
        let own = |s: &str| -> Cow<'static, str> { Cow::Owned(s.to_string()) };
        let id = col(c, 0);
        let name = col(c, 1);
        if id.is_empty() || name.is_empty() {
            return Err("id and name are required".into());
        }
        let kind = col(c, 2);
        let precision: Option<PlacePrecision> = match col(c, 3) {
            "" => None,
            p => Some(p.parse().map_err(|e: String| e)?),
        };
        let admin1 = match col(c, 4) {
            "" => None,
            a => Some(admin1_index(a).ok_or_else(|| {
                format!(
                    "unknown admin1 `{a}` (expected one of: {})",
                    ADMIN1.join(", ")
                )
            })?),
        };
        let tsp_code = col(c, 5);
        let township = if tsp_code.is_empty() {
            None
        } else {
            let t = self
                .get(tsp_code)
                .ok_or_else(|| format!("unknown township P-code `{tsp_code}`"))?;
            Some(t)
        };
        let (mut lat, mut lon) = (coord(col(c, 6)), coord(col(c, 7)));
        if !col(c, 6).is_empty() && lat.is_none() {
            return Err(format!("bad latitude `{}`", col(c, 6)));
        }
        if !col(c, 7).is_empty() && lon.is_none() {
            return Err(format!("bad longitude `{}`", col(c, 7)));
        }
        let aliases: Vec<Cow<'static, str>> = col(c, 8)
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(own)
            .collect();
        let admin1 = admin1.or_else(|| township.and_then(|t| self.places[t as usize].admin1));
        if lat.is_none() || lon.is_none() {
            if let Some(t) = township {
                let (a, o) = self.main_town_coords(t);
                lat = a;
                lon = o;
            } else if let Some(a) = admin1 {
                lat = self.places[a as usize].lat;
                lon = self.places[a as usize].lon;
            }
        }
        let level = match precision {
            Some(PlacePrecision::Country) => Level::Country,
            Some(PlacePrecision::Admin1) => Level::Region,
            Some(PlacePrecision::District) => Level::Region,
            Some(PlacePrecision::Township) => Level::Township,
            Some(PlacePrecision::Town) => {
                if kind == "city" {
                    Level::City
                } else {
                    Level::Town
                }
            }
            Some(PlacePrecision::Site) | None => match kind {
                "village" => Level::Village,
                "ward" => Level::Ward,
                _ => Level::Site,
            },
        };
        if let Some(i) = self.get(id) {
            // Merge into a known record: new names and coordinates win.
            let p = &mut self.places[i as usize];
            if p.name != name {
                let old = std::mem::replace(&mut p.name, own(name));
                p.aliases.push(old);
            }
            p.aliases.extend(aliases);
            if !col(c, 6).is_empty() {
                p.lat = lat;
                p.lon = lon;
            }
            return Ok(());
        }
        self.push(Place {
            id: own(id),
            name: own(name),
            name_mmr: Cow::Borrowed(""),
            kind: own(if kind.is_empty() { "place" } else { kind }),
            level,
            precision: precision.unwrap_or(PlacePrecision::Site),
            admin1,
            township,
            parent: township,
            lat,
            lon,
            source,
            aliases,
        });
        Ok(())
    }

    /// Coordinates of a township's main town (same name), else of the township.
    pub fn main_town_coords(&self, township: u32) -> (Option<f64>, Option<f64>) {
        let t = &self.places[township as usize];
        match self.main_town.get(&township) {
            Some(&m) => (self.places[m as usize].lat, self.places[m as usize].lon),
            None => (t.lat, t.lon),
        }
    }
}
