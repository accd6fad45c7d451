//! `cargo xtask outlines`: the state/region outlines of the dashboard map
//! (`crates/sitrep-server/assets/outlines.json`, GeoJSON).
//!
//! Sources (both public domain or permissive, both reachable through package registries):
//! - the country outline: Natural Earth 1:10m admin-0 (public domain), as shipped in the npm
//!   package `world-atlas` (TopoJSON, `countries-10m.json`);
//! - the state/region split: Natural Earth admin-1 is not shipped by any package reachable
//!   here, so the 15 states/regions are drawn as the land cells (of `--cell` degrees) nearest
//!   to each of the ~14,000 MIMU village-tract and township points of the gazetteer
//!   (`crates/sitrep-gazetteer/data/`), clipped to the Natural Earth country outline, traced
//!   into polygons and simplified. Borders are therefore approximate (within a few km where
//!   village tracts are dense, more in empty mountains).
//!
//! Usage: `cargo xtask outlines [--world-atlas countries-10m.json] [--gazetteer DIR]
//! [--out FILE] [--cell DEG]`. Without `--world-atlas` it runs `npm pack world-atlas@2`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

type Pt = (f64, f64); // (lon, lat)
type Ring = Vec<Pt>;
/// Seeds by bucket: (lon, lat, admin1 index).
type Buckets = HashMap<(i64, i64), Vec<(f64, f64, u8)>>;

/// Runs the task with its command-line options.
pub fn run(args: &[String]) -> Result<()> {
    let mut atlas: Option<PathBuf> = None;
    let mut gaz = PathBuf::from("crates/sitrep-gazetteer/data");
    let mut out = PathBuf::from("crates/sitrep-server/assets/outlines.json");
    let mut cell = 0.02f64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .with_context(|| format!("{a} needs a value"))
        };
        match a.as_str() {
            "--world-atlas" => atlas = Some(PathBuf::from(val()?)),
            "--gazetteer" => gaz = PathBuf::from(val()?),
            "--out" => out = PathBuf::from(val()?),
            "--cell" => cell = val()?.parse().context("--cell: not a number")?,
            other => bail!("outlines: unknown option `{other}`"),
        }
    }
    if !(0.005..=0.2).contains(&cell) {
        bail!("--cell must be between 0.005 and 0.2 degrees");
    }
    let tmp;
    let atlas = match atlas {
        Some(p) => p,
        None => {
            tmp = std::env::temp_dir().join(format!("sitrep-outlines-{}", std::process::id()));
            std::fs::create_dir_all(&tmp)?;
            fetch_world_atlas(&tmp)?
        }
    };
    let country = myanmar_outline(&atlas)?;
    let seeds = gazetteer_seeds(&gaz)?;
    let geo = build(&country, &seeds, cell)?;
    let text = serde_json::to_string(&geo)? + "\n";
    std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "outlines: {} ({} bytes, {} seeds, cell {cell}°)",
        out.display(),
        text.len(),
        seeds.len()
    );
    Ok(())
}

fn fetch_world_atlas(dir: &Path) -> Result<PathBuf> {
    let st = Command::new("npm")
        .args(["pack", "world-atlas@2", "--silent", "--pack-destination"])
        .arg(dir)
        .status()
        .context("running `npm pack world-atlas@2` (or pass --world-atlas countries-10m.json)")?;
    if !st.success() {
        bail!("`npm pack world-atlas@2` failed");
    }
    let tgz = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "tgz"))
        .context("npm pack produced no .tgz")?;
    let st = Command::new("tar")
        .arg("xzf")
        .arg(&tgz)
        .arg("-C")
        .arg(dir)
        .arg("package/countries-10m.json")
        .status()?;
    if !st.success() {
        bail!("cannot unpack {}", tgz.display());
    }
    Ok(dir.join("package/countries-10m.json"))
}

/// Myanmar's rings from a world-atlas TopoJSON file.
fn myanmar_outline(path: &Path) -> Result<Vec<Ring>> {
    let topo: Value = serde_json::from_str(
        &std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
    )
    .with_context(|| format!("{}: not JSON", path.display()))?;
    let (sx, sy, tx, ty) = match &topo["transform"] {
        Value::Null => (1.0, 1.0, 0.0, 0.0),
        t => (
            t["scale"][0].as_f64().unwrap_or(1.0),
            t["scale"][1].as_f64().unwrap_or(1.0),
            t["translate"][0].as_f64().unwrap_or(0.0),
            t["translate"][1].as_f64().unwrap_or(0.0),
        ),
    };
    let quantized = !topo["transform"].is_null();
    let arcs: Vec<Vec<Pt>> = topo["arcs"]
        .as_array()
        .context("TopoJSON without arcs")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .map(|pts| {
                    pts.iter()
                        .map(|p| {
                            let (a, b) =
                                (p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0));
                            if quantized {
                                x += a;
                                y += b;
                                (x * sx + tx, y * sy + ty)
                            } else {
                                (a, b)
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let geoms = topo["objects"]["countries"]["geometries"]
        .as_array()
        .context("TopoJSON without objects.countries")?;
    let g = geoms
        .iter()
        .find(|g| g["id"] == "104" || g["properties"]["name"] == "Myanmar")
        .context("no Myanmar (id 104) in the TopoJSON")?;
    let ring_of = |idx: &Value| -> Ring {
        let mut ring: Ring = Vec::new();
        for i in idx.as_array().into_iter().flatten() {
            let i = i.as_i64().unwrap_or(0);
            let (k, rev) = if i < 0 {
                ((!i) as usize, true)
            } else {
                (i as usize, false)
            };
            let mut a = arcs.get(k).cloned().unwrap_or_default();
            if rev {
                a.reverse();
            }
            if !ring.is_empty() {
                a.remove(0);
            }
            ring.extend(a);
        }
        ring
    };
    let polys: Vec<&Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["arcs"]],
        Some("MultiPolygon") => g["arcs"].as_array().into_iter().flatten().collect(),
        other => bail!("Myanmar geometry of type {other:?}"),
    };
    Ok(polys
        .into_iter()
        .flat_map(|p| p.as_array().into_iter().flatten().map(ring_of))
        .filter(|r| r.len() >= 4)
        .collect())
}

/// `(lon, lat, admin1)` of every village tract and township of the gazetteer.
fn gazetteer_seeds(dir: &Path) -> Result<Vec<(f64, f64, String)>> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .with_context(|| format!("reading {}", dir.join(name).display()))
    };
    let mut admin1: HashMap<String, String> = HashMap::new();
    for l in read("admin1.tsv")?.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 3 {
            admin1.insert(f[0].to_string(), f[2].to_string());
        }
    }
    let mut seeds = Vec::new();
    // village_tracts.tsv: pcode, township_pcode, name, name_mmr, lat, lon
    // townships.tsv: pcode, district_pcode, state_pcode, name, name_mmr, lat, lon
    for (file, lat_col) in [("village_tracts.tsv", 4), ("townships.tsv", 5)] {
        for l in read(file)?.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() <= lat_col + 1 || f[0].len() < 6 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[lat_col].parse::<f64>(), f[lat_col + 1].parse::<f64>())
            else {
                continue;
            };
            if let Some(a) = admin1.get(&f[0][..6]) {
                seeds.push((lon, lat, a.clone()));
            }
        }
    }
    if seeds.len() < 100 {
        bail!(
            "{}: only {} gazetteer points with coordinates",
            dir.display(),
            seeds.len()
        );
    }
    Ok(seeds)
}

fn build(country: &[Ring], seeds: &[(f64, f64, String)], cell: f64) -> Result<Value> {
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in country.iter().flatten() {
        w = w.min(x);
        e = e.max(x);
        s = s.min(y);
        n = n.max(y);
    }
    let cols = ((e - w) / cell).ceil() as usize + 1;
    let rows = ((n - s) / cell).ceil() as usize + 1;
    // Land cells by scanline (even-odd over all rings).
    let mut land = vec![false; cols * rows];
    for r in 0..rows {
        let y = n - (r as f64 + 0.5) * cell;
        let mut xs: Vec<f64> = Vec::new();
        for ring in country {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if (a.1 > y) != (b.1 > y) {
                    xs.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks(2) {
            if pair.len() < 2 {
                continue;
            }
            let c0 = ((pair[0] - w) / cell - 0.5).ceil().max(0.0) as usize;
            let c1 = ((pair[1] - w) / cell - 0.5).floor();
            if c1 < 0.0 {
                continue;
            }
            for c in c0..=(c1 as usize).min(cols - 1) {
                land[r * cols + c] = true;
            }
        }
    }
    // Nearest seed per land cell, through buckets of 0.25°.
    let names: Vec<String> = {
        let mut v: Vec<String> = seeds.iter().map(|s| s.2.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let idx: HashMap<&str, u8> = names
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u8))
        .collect();
    let b = 0.25;
    let mut buckets: Buckets = HashMap::new();
    for (x, y, a) in seeds {
        buckets
            .entry(((x / b).floor() as i64, (y / b).floor() as i64))
            .or_default()
            .push((*x, *y, idx[a.as_str()]));
    }
    const NONE: u8 = u8::MAX;
    let mut label = vec![NONE; cols * rows];
    let coslat = (20.0f64).to_radians().cos();
    for r in 0..rows {
        for c in 0..cols {
            if !land[r * cols + c] {
                continue;
            }
            let (x, y) = (w + (c as f64 + 0.5) * cell, n - (r as f64 + 0.5) * cell);
            let (bx, by) = ((x / b).floor() as i64, (y / b).floor() as i64);
            let mut best = (f64::MAX, NONE);
            for k in 0..40i64 {
                for dx in -k..=k {
                    for dy in -k..=k {
                        if dx.abs() != k && dy.abs() != k {
                            continue;
                        }
                        for &(sx, sy, a) in buckets.get(&(bx + dx, by + dy)).into_iter().flatten() {
                            let d = ((sx - x) * coslat).powi(2) + (sy - y).powi(2);
                            if d < best.0 {
                                best = (d, a);
                            }
                        }
                    }
                }
                // Every point of ring k+1 is at least k*b away.
                if best.1 != NONE && best.0.sqrt() <= k as f64 * b * coslat {
                    break;
                }
            }
            label[r * cols + c] = best.1;
        }
    }
    let at = |r: i64, c: i64| -> u8 {
        if r < 0 || c < 0 || r >= rows as i64 || c >= cols as i64 {
            NONE
        } else {
            label[r as usize * cols + c as usize]
        }
    };
    let corner = |r: usize, c: usize| -> Pt { (w + c as f64 * cell, n - r as f64 * cell) };
    let mut features = Vec::new();
    for (li, name) in names.iter().enumerate() {
        let li = li as u8;
        // Directed boundary edges with the region on the left (counter-clockwise in lon/lat).
        let mut next: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
        let (mut sum_x, mut sum_y, mut count) = (0.0, 0.0, 0usize);
        for r in 0..rows {
            for c in 0..cols {
                if label[r * cols + c] != li {
                    continue;
                }
                sum_x += c as f64;
                sum_y += r as f64;
                count += 1;
                let (ri, ci) = (r as i64, c as i64);
                // Corners as (row, col) of the grid's vertices; rows grow southwards.
                if at(ri - 1, ci) != li {
                    next.entry((r, c + 1)).or_default().push((r, c)); // north edge, east→west
                }
                if at(ri + 1, ci) != li {
                    next.entry((r + 1, c)).or_default().push((r + 1, c + 1)); // south edge, west→east
                }
                if at(ri, ci - 1) != li {
                    next.entry((r, c)).or_default().push((r + 1, c)); // west edge, north→south
                }
                if at(ri, ci + 1) != li {
                    next.entry((r + 1, c + 1)).or_default().push((r, c + 1)); // east edge, south→north
                }
            }
        }
        if count == 0 {
            continue;
        }
        let mut rings: Vec<Ring> = Vec::new();
        let mut starts: Vec<(usize, usize)> = next.keys().copied().collect();
        starts.sort();
        for st in starts {
            while next.get(&st).is_some_and(|v| !v.is_empty()) {
                let mut ring = vec![corner(st.0, st.1)];
                let mut cur = st;
                while let Some(nx) = next.get_mut(&cur).and_then(|v| v.pop()) {
                    cur = nx;
                    ring.push(corner(cur.0, cur.1));
                    if cur == st {
                        break;
                    }
                }
                let ring = simplify(&ring, cell * 1.2);
                if ring.len() >= 4 && area(&ring).abs() >= 6.0 * cell * cell {
                    rings.push(ring);
                }
            }
        }
        // Outer rings are counter-clockwise (positive area); holes go with the outer ring
        // that contains them.
        let (outers, holes): (Vec<Ring>, Vec<Ring>) =
            rings.into_iter().partition(|r| area(r) > 0.0);
        let mut polys: Vec<Vec<Ring>> = outers.into_iter().map(|o| vec![o]).collect();
        for h in holes {
            if let Some(p) = polys.iter_mut().find(|p| inside(h[0], &p[0])) {
                p.push(h);
            }
        }
        polys.sort_by(|a, b| area(&b[0]).total_cmp(&area(&a[0])));
        // Label: the cell of the region nearest to its mean cell.
        let (mr, mc) = (sum_y / count as f64, sum_x / count as f64);
        let mut lab = (f64::MAX, 0usize, 0usize);
        for r in 0..rows {
            for c in 0..cols {
                if label[r * cols + c] == li {
                    let d = (r as f64 - mr).powi(2) + (c as f64 - mc).powi(2);
                    if d < lab.0 {
                        lab = (d, r, c);
                    }
                }
            }
        }
        let lp = (
            w + (lab.2 as f64 + 0.5) * cell,
            n - (lab.1 as f64 + 0.5) * cell,
        );
        features.push(json!({
            "type": "Feature",
            "properties": {"name": name, "kind": "admin1", "label": [round(lp.0), round(lp.1)]},
            "geometry": {"type": "MultiPolygon", "coordinates": polys.iter().map(|p| p.iter().map(coords).collect::<Vec<_>>()).collect::<Vec<_>>()},
        }));
    }
    let outline: Vec<Value> = country
        .iter()
        .map(|r| simplify(r, 0.01))
        .filter(|r| r.len() >= 4 && area(r).abs() > 0.002)
        .map(|r| json!([coords(&r)]))
        .collect();
    features.push(json!({
        "type": "Feature",
        "properties": {"name": "Myanmar", "kind": "country"},
        "geometry": {"type": "MultiPolygon", "coordinates": outline},
    }));
    let mut meta = BTreeMap::new();
    meta.insert("cell_degrees", json!(cell));
    Ok(json!({
        "type": "FeatureCollection",
        "source": "country: Natural Earth 1:10m admin-0 (public domain, npm world-atlas); states/regions: nearest MIMU village-tract points (approximate), regenerated by `cargo xtask outlines`",
        "meta": meta,
        "features": features,
    }))
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn coords(r: &Ring) -> Vec<[f64; 2]> {
    r.iter().map(|&(x, y)| [round(x), round(y)]).collect()
}

/// Signed area (positive: counter-clockwise).
fn area(r: &Ring) -> f64 {
    let mut a = 0.0;
    for i in 0..r.len() {
        let (p, q) = (r[i], r[(i + 1) % r.len()]);
        a += p.0 * q.1 - q.0 * p.1;
    }
    a / 2.0
}

fn inside(p: Pt, r: &Ring) -> bool {
    let mut c = false;
    for i in 0..r.len() {
        let (a, b) = (r[i], r[(i + 1) % r.len()]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            c = !c;
        }
    }
    c
}

/// Douglas–Peucker on a closed ring (first point = last point kept).
fn simplify(r: &Ring, tol: f64) -> Ring {
    if r.len() < 4 {
        return r.clone();
    }
    let mut keep = vec![false; r.len()];
    keep[0] = true;
    let last = r.len() - 1;
    keep[last] = true;
    // Split at the point farthest from the start so that closed rings simplify well.
    let far = (1..last)
        .max_by(|&i, &j| dist2(r[i], r[0]).total_cmp(&dist2(r[j], r[0])))
        .unwrap_or(last / 2);
    keep[far] = true;
    let mut stack = vec![(0, far), (far, last)];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = seg_dist(r[i], r[a], r[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tol {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    r.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn dist2(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

fn seg_dist(p: Pt, a: Pt, b: Pt) -> f64 {
    let l2 = dist2(a, b);
    if l2 == 0.0 {
        return dist2(p, a).sqrt();
    }
    let t = (((p.0 - a.0) * (b.0 - a.0) + (p.1 - a.1) * (b.1 - a.1)) / l2).clamp(0.0, 1.0);
    dist2(p, (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_corners_and_drops_collinear_points() {
        let sq: Ring = vec![
            (0.0, 0.0),
            (1.0, 0.0),
            (2.0, 0.0),
            (2.0, 2.0),
            (0.0, 2.0),
            (0.0, 0.0),
        ];
        let s = simplify(&sq, 0.01);
        assert_eq!(s.len(), 5, "{s:?}");
        assert!((area(&s) - 4.0).abs() < 1e-9);
        assert!(inside((1.0, 1.0), &s));
        assert!(!inside((3.0, 1.0), &s));
    }
}
