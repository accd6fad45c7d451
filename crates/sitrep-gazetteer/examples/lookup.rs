//! `cargo run -p sitrep-gazetteer --example lookup -- NAME [ADMIN1]`: every candidate.
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let g = sitrep_gazetteer::Gazetteer::embedded();
    for c in g.lookup(&a[0], a.get(1).map(String::as_str)) {
        println!(
            "{:>4} {:?} {:?} {:?} {:?} | {}",
            c.score,
            c.location.place_id,
            c.location.kind,
            c.location.admin1,
            c.location.township,
            c.why
        );
    }
}
