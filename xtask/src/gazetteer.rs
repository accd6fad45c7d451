//! `cargo xtask gazetteer [--wheel PATH] [--out DIR]`
//!
//! Reads the MIMU P-code database shipped in the PyPI wheel `mm-geo-coder==0.2.1`
//! (`mm_geo_coder/database/mimu_geo_data_public.db`, MIMU release 9.6, Feb 2025) and
//! writes the sorted TSV files of `crates/sitrep-gazetteer/data/`. Without `--wheel`
//! the wheel is fetched with `pip download`. Python is used only to fetch the wheel
//! and to unzip the database from it; users of sitrep never need it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

const PACKAGE: &str = "mm-geo-coder==0.2.1";
const DB_MEMBER: &str = "mm_geo_coder/database/mimu_geo_data_public.db";

/// Entry point of the task.
pub fn run(args: &[String]) -> Result<()> {
    let mut wheel: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--wheel" => wheel = Some(it.next().context("--wheel needs a path")?.into()),
            "--out" => out = Some(it.next().context("--out needs a directory")?.into()),
            other => {
                bail!("gazetteer: unknown option `{other}` (expected --wheel PATH, --out DIR)")
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("xtask has no parent directory")?
        .to_path_buf();
    let out = out.unwrap_or_else(|| root.join("crates/sitrep-gazetteer/data"));
    let tmp = std::env::temp_dir().join(format!("sitrep-xtask-gazetteer-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let result = (|| -> Result<Data> {
        let wheel = match wheel {
            Some(w) => w,
            None => fetch_wheel(&tmp)?,
        };
        let db = tmp.join("mimu.db");
        unzip_member(&wheel, DB_MEMBER, &db)?;
        let data = read_db(&db)?;
        std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
        write_all(&data, &out)?;
        Ok(data)
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    let data = result?;
    eprintln!(
        "gazetteer: wrote {} states, {} districts, {} townships, {} towns, {} wards, {} village tracts, {} villages to {}",
        data.states.len(),
        data.districts.len(),
        data.townships.len(),
        data.towns.len(),
        data.wards.len(),
        data.tracts.len(),
        data.villages.len(),
        out.display()
    );
    Ok(())
}

fn fetch_wheel(dir: &Path) -> Result<PathBuf> {
    eprintln!(
        "gazetteer: pip download {PACKAGE} --no-deps -d {}",
        dir.display()
    );
    let attempts: [(&str, &[&str]); 2] = [("pip", &[]), ("python3", &["-m", "pip"])];
    let mut ok = false;
    for (prog, pre) in attempts {
        let status = Command::new(prog)
            .args(pre)
            .args(["download", PACKAGE, "--no-deps", "-d"])
            .arg(dir)
            .status();
        if matches!(status, Ok(s) if s.success()) {
            ok = true;
            break;
        }
    }
    if !ok {
        bail!("could not download {PACKAGE} with pip; pass --wheel PATH to a downloaded wheel");
    }
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.extension().is_some_and(|e| e == "whl") {
            return Ok(p);
        }
    }
    bail!("pip download left no .whl file in {}", dir.display())
}

fn unzip_member(wheel: &Path, member: &str, dest: &Path) -> Result<()> {
    if !wheel.is_file() {
        bail!("wheel {} does not exist", wheel.display());
    }
    let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nopen(sys.argv[3], 'wb').write(z.read(sys.argv[2]))";
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(wheel)
        .arg(member)
        .arg(dest)
        .status()
        .context("running python3 to unzip the wheel")?;
    if !status.success() {
        bail!("could not extract {member} from {}", wheel.display());
    }
    Ok(())
}

/// Collects coordinates; the centroid is the per-axis median of the points inside
/// Myanmar's bounding box (robust to the few mistyped coordinates of the source).
#[derive(Default, Clone)]
struct Acc {
    lats: Vec<f64>,
    lons: Vec<f64>,
}

/// Whether a point lies in Myanmar's bounding box (with a small margin).
fn in_myanmar(lat: f64, lon: f64) -> bool {
    (9.4..=28.7).contains(&lat) && (92.0..=101.3).contains(&lon)
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

impl Acc {
    fn add(&mut self, lat: Option<f64>, lon: Option<f64>) {
        if let (Some(a), Some(o)) = (lat, lon) {
            if in_myanmar(a, o) {
                self.lats.push(a);
                self.lons.push(o);
            }
        }
    }
    fn get(&self) -> (Option<f64>, Option<f64>) {
        if self.lats.is_empty() {
            (None, None)
        } else {
            (Some(median(&self.lats)), Some(median(&self.lons)))
        }
    }
}

#[derive(Default, Clone)]
struct Unit {
    parent: String,
    grandparent: String,
    eng: String,
    mmr: String,
    acc: Acc,
    /// Ward points, used for a township only when it has no village points.
    acc_w: Acc,
    /// Votes for the parent when rows disagree.
    parents: HashMap<String, u32>,
}

impl Unit {
    fn note(&mut self, parent: &str, grandparent: &str, eng: &str, mmr: &str) {
        *self.parents.entry(parent.to_string()).or_default() += 1;
        let best = self
            .parents
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
            .unwrap_or_default();
        if best == parent || self.parent.is_empty() {
            self.parent = parent.to_string();
            if !grandparent.is_empty() {
                self.grandparent = grandparent.to_string();
            }
        }
        if self.eng.is_empty() {
            self.eng = eng.to_string();
        }
        if self.mmr.is_empty() {
            self.mmr = mmr.to_string();
        }
    }
}

struct Leaf {
    parent: String,
    eng: String,
    mmr: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Default)]
struct Data {
    states: BTreeMap<String, Unit>,
    districts: BTreeMap<String, Unit>,
    townships: BTreeMap<String, Unit>,
    towns: BTreeMap<String, Unit>,
    tracts: BTreeMap<String, Unit>,
    wards: BTreeMap<String, Leaf>,
    villages: BTreeMap<String, Leaf>,
}

/// Coordinates outside Myanmar (source typos such as a longitude of 72.9) are dropped.
fn checked(lat: Option<f64>, lon: Option<f64>) -> (Option<f64>, Option<f64>) {
    match (lat, lon) {
        (Some(a), Some(o)) if in_myanmar(a, o) => (Some(a), Some(o)),
        _ => (None, None),
    }
}

fn s(v: Option<String>) -> String {
    v.map(|x| x.trim().to_string()).unwrap_or_default()
}

fn read_db(path: &Path) -> Result<Data> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .with_context(|| format!("opening {}", path.display()))?;
    let mut d = Data::default();
    let mut st = conn.prepare(
        "SELECT ward_pcode, town_pcode, township_pcode, district_saz_pcode, state_pcode, \
         ward_eng, town_eng, township_eng, district_eng, state_eng, \
         ward_mmr, town_mmr, township_mmr, district_mmr, state_mmr, latitude, longitude FROM wards",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let g = |i: usize| -> Result<String> { Ok(s(r.get::<_, Option<String>>(i)?)) };
        let (ward, town, tsp, dist, state) = (g(0)?, g(1)?, g(2)?, g(3)?, g(4)?);
        let (lat, lon) = checked(r.get(15)?, r.get(16)?);
        add_levels(
            &mut d,
            &tsp,
            &dist,
            &state,
            &[g(7)?, g(8)?, g(9)?],
            &[g(12)?, g(13)?, g(14)?],
            (lat, lon),
            true,
        );
        let town_eng = g(6)?;
        let town_eng = town_eng
            .strip_suffix("Town")
            .map(str::trim)
            .unwrap_or(&town_eng)
            .to_string();
        let t = d.towns.entry(town.clone()).or_default();
        t.note(&tsp, &state, &town_eng, &g(11)?);
        t.acc.add(lat, lon);
        d.wards.insert(
            ward,
            Leaf {
                parent: town,
                eng: g(5)?,
                mmr: g(10)?,
                lat,
                lon,
            },
        );
    }
    let mut st = conn.prepare(
        "SELECT CAST(village_pcode AS TEXT), village_tract_pcode, township_pcode, district_saz_pcode, state_pcode, \
         village_eng, village_tract_eng, township_eng, district_eng, state_eng, \
         village_mmr, village_tract_mmr, township_mmr, district_mmr, state_mmr, latitude, longitude FROM villages",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let g = |i: usize| -> Result<String> { Ok(s(r.get::<_, Option<String>>(i)?)) };
        let (village, vt, tsp, dist, state) = (g(0)?, g(1)?, g(2)?, g(3)?, g(4)?);
        let (lat, lon) = checked(r.get(15)?, r.get(16)?);
        add_levels(
            &mut d,
            &tsp,
            &dist,
            &state,
            &[g(7)?, g(8)?, g(9)?],
            &[g(12)?, g(13)?, g(14)?],
            (lat, lon),
            false,
        );
        let t = d.tracts.entry(vt.clone()).or_default();
        t.note(&tsp, &state, &g(6)?, &g(11)?);
        t.acc.add(lat, lon);
        d.villages.insert(
            village,
            Leaf {
                parent: vt,
                eng: g(5)?,
                mmr: g(10)?,
                lat,
                lon,
            },
        );
    }
    if d.states.is_empty() || d.villages.is_empty() {
        bail!("{} has no wards/villages rows", path.display());
    }
    clean_coordinates(&mut d);
    Ok(d)
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Some ward and village points of the source are placeholders far from their place
/// (e.g. the Sagaing Region point given to the wards of Kale). Townships are located
/// by the median of their villages (wards only when they have no village); a ward
/// more than 0.5° or a village more than 1° from its township is dropped, and towns and
/// village tracts are located by the median of their remaining points (a town with none
/// takes its township's point).
fn clean_coordinates(d: &mut Data) {
    let centre: HashMap<String, (f64, f64)> = d
        .townships
        .iter()
        .filter_map(|(p, u)| {
            let (la, lo) = if u.acc.lats.is_empty() {
                u.acc_w.get()
            } else {
                u.acc.get()
            };
            Some((p.clone(), (la?, lo?)))
        })
        .collect();
    for u in d.towns.values_mut() {
        u.acc = Acc::default();
    }
    for u in d.tracts.values_mut() {
        u.acc = Acc::default();
    }
    for w in d.wards.values_mut() {
        let tsp = d
            .towns
            .get(&w.parent)
            .map(|t| t.parent.clone())
            .unwrap_or_default();
        if let (Some(la), Some(lo), Some(c)) = (w.lat, w.lon, centre.get(&tsp)) {
            if dist((la, lo), *c) > 0.5 {
                w.lat = None;
                w.lon = None;
            }
        }
        if let Some(t) = d.towns.get_mut(&w.parent) {
            t.acc.add(w.lat, w.lon);
        }
    }
    for (_, t) in d.towns.iter_mut() {
        if t.acc.lats.is_empty() {
            if let Some(c) = centre.get(&t.parent) {
                t.acc.add(Some(c.0), Some(c.1));
            }
        }
    }
    for v in d.villages.values_mut() {
        let tsp = d
            .tracts
            .get(&v.parent)
            .map(|t| t.parent.clone())
            .unwrap_or_default();
        if let (Some(la), Some(lo), Some(c)) = (v.lat, v.lon, centre.get(&tsp)) {
            if dist((la, lo), *c) > 1.0 {
                v.lat = None;
                v.lon = None;
            }
        }
        if let Some(t) = d.tracts.get_mut(&v.parent) {
            t.acc.add(v.lat, v.lon);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_levels(
    d: &mut Data,
    tsp: &str,
    dist: &str,
    state: &str,
    eng: &[String; 3],
    mmr: &[String; 3],
    (lat, lon): (Option<f64>, Option<f64>),
    from_ward: bool,
) {
    let t = d.townships.entry(tsp.to_string()).or_default();
    t.note(dist, state, &eng[0], &mmr[0]);
    let di = d.districts.entry(dist.to_string()).or_default();
    di.note(state, "", &eng[1], &mmr[1]);
    let s = d.states.entry(state.to_string()).or_default();
    s.note("", "", &eng[2], &mmr[2]);
    if from_ward {
        // Ward points are often placeholders: they locate a township only when it
        // has no villages, and never a district or state.
        if let Some(t) = d.townships.get_mut(tsp) {
            t.acc_w.add(lat, lon);
        }
        return;
    }
    for u in [
        d.townships.get_mut(tsp),
        d.districts.get_mut(dist),
        d.states.get_mut(state),
    ]
    .into_iter()
    .flatten()
    {
        u.acc.add(lat, lon);
    }
}

/// Spec §3 canonical admin1 name of a MIMU state/region name.
fn canonical_admin1(mimu: &str) -> String {
    let base = mimu.split(" (").next().unwrap_or(mimu).trim();
    match base {
        "Nay Pyi Taw" => "Naypyitaw".to_string(),
        other => other.to_string(),
    }
}

fn coord(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(x) => {
            let s = format!("{x:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_string()
        }
    }
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn write_all(d: &Data, out: &Path) -> Result<()> {
    let mut f = String::from("#pcode\tname\tadmin1\tname_mmr\tlat\tlon\n");
    for (p, u) in &d.states {
        let (la, lo) = u.acc.get();
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            clean(&u.eng),
            canonical_admin1(&u.eng),
            clean(&u.mmr),
            coord(la),
            coord(lo)
        );
    }
    write(out, "admin1.tsv", &f)?;

    let mut f = String::from("#pcode\tstate_pcode\tname\tname_mmr\tlat\tlon\n");
    for (p, u) in &d.districts {
        let (la, lo) = u.acc.get();
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            u.parent,
            clean(&u.eng),
            clean(&u.mmr),
            coord(la),
            coord(lo)
        );
    }
    write(out, "districts.tsv", &f)?;

    let mut f = String::from("#pcode\tdistrict_pcode\tstate_pcode\tname\tname_mmr\tlat\tlon\n");
    for (p, u) in &d.townships {
        let (la, lo) = if u.acc.lats.is_empty() {
            u.acc_w.get()
        } else {
            u.acc.get()
        };
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}\t{}",
            u.parent,
            u.grandparent,
            clean(&u.eng),
            clean(&u.mmr),
            coord(la),
            coord(lo)
        );
    }
    write(out, "townships.tsv", &f)?;

    let mut f = String::from("#pcode\ttownship_pcode\tname\tname_mmr\tlat\tlon\n");
    for (p, u) in &d.towns {
        let (la, lo) = u.acc.get();
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            u.parent,
            clean(&u.eng),
            clean(&u.mmr),
            coord(la),
            coord(lo)
        );
    }
    write(out, "towns.tsv", &f)?;

    let mut f = String::from("#pcode\ttownship_pcode\tname\tname_mmr\tlat\tlon\n");
    for (p, u) in &d.tracts {
        let (la, lo) = u.acc.get();
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            u.parent,
            clean(&u.eng),
            clean(&u.mmr),
            coord(la),
            coord(lo)
        );
    }
    write(out, "village_tracts.tsv", &f)?;

    let mut f = String::from("#pcode\ttown_pcode\tname\tname_mmr\tlat\tlon\n");
    for (p, l) in &d.wards {
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            l.parent,
            clean(&l.eng),
            clean(&l.mmr),
            coord(l.lat),
            coord(l.lon)
        );
    }
    write(out, "wards.tsv", &f)?;

    let mut f = String::from("#pcode\tvillage_tract_pcode\tname\tname_mmr\tlat\tlon\n");
    let mut vs: Vec<(&String, &Leaf)> = d.villages.iter().collect();
    vs.sort_by(|a, b| a.1.parent.cmp(&b.1.parent).then(a.0.cmp(b.0)));
    for (p, l) in vs {
        let _ = writeln!(
            f,
            "{p}\t{}\t{}\t{}\t{}\t{}",
            l.parent,
            clean(&l.eng),
            clean(&l.mmr),
            coord(l.lat),
            coord(l.lon)
        );
    }
    // Villages are most of the data: stored gzip-compressed (see data/README.md).
    let path = out.join("villages.tsv.gz");
    let file =
        std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
    let mut gz = flate2::GzBuilder::new().write(file, flate2::Compression::best());
    std::io::Write::write_all(&mut gz, f.as_bytes())?;
    gz.finish()?;
    let _ = std::fs::remove_file(out.join("villages.tsv"));
    Ok(())
}

fn write(dir: &Path, name: &str, content: &str) -> Result<()> {
    let p = dir.join(name);
    std::fs::write(&p, content).with_context(|| format!("writing {}", p.display()))
}
