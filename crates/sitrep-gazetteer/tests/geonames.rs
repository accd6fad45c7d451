//! GeoNames import on a small dump written for this test.

use sitrep_gazetteer::{geonames, Gazetteer};

/// A GeoNames line: (id, name, alternate names, lat, lon, class, code, country).
type Row<'a> = (u32, &'a str, &'a str, f64, f64, &'a str, &'a str, &'a str);

fn line((id, name, alt, lat, lon, class, code, cc): Row) -> String {
    format!("{id}\t{name}\t{name}\t{alt}\t{lat}\t{lon}\t{class}\t{code}\t{cc}\t\t01\t\t\t\t0\t\t100\tAsia/Yangon\t2020-01-01")
}

#[test]
fn import_keeps_new_places_with_their_township_and_skips_known_ones() {
    let g = Gazetteer::builtin();
    let dump = [
        line((
            9000001,
            "Htee Hpo Kone",
            "Hti Hpo Kone,Htihpokone",
            23.21,
            94.07,
            "P",
            "PPL",
            "MM",
        )),
        line((9000002, "Kale", "Kalemyo", 23.19, 94.05, "P", "PPLA2", "MM")),
        line((9000003, "Zaw Ti Prison", "", 23.20, 94.03, "S", "PRN", "MM")),
        line((9000004, "Myittha River", "", 23.0, 94.1, "H", "STM", "MM")),
        line((9000005, "Mae Sot", "", 16.7, 98.57, "P", "PPLA2", "TH")),
        "not a geonames line".to_string(),
    ]
    .join("\n");
    let (rows, stats) = geonames::import(&g, dump.as_bytes(), "MM").unwrap();
    assert_eq!(stats.read, 6);
    assert_eq!(stats.in_country, 4);
    assert_eq!(stats.known, 1, "Kale is already a MIMU town");
    assert_eq!(stats.other_class, 1, "rivers are left out");
    assert_eq!(stats.kept, 2);
    let village = rows
        .iter()
        .find(|r| r.starts_with("geonames:9000001\t"))
        .unwrap();
    let c: Vec<&str> = village.split('\t').collect();
    assert_eq!(c[1], "Htee Hpo Kone");
    assert_eq!(c[2], "village");
    assert_eq!(c[4], "Sagaing");
    assert_eq!(c[5], "MMR005027", "nearest township centroid is Kale");
    assert!(c[8].contains("Hti Hpo Kone"));
    let prison = rows
        .iter()
        .find(|r| r.starts_with("geonames:9000003\t"))
        .unwrap();
    assert!(prison.contains("\tprison\tsite\t"));

    // The rows load as a user gazetteer and the geocoder finds them.
    let merged = geonames::merge_rows("", &rows);
    let mut g2 = Gazetteer::builtin();
    assert_eq!(g2.add_user_tsv(&merged).unwrap(), 2);
    let text = "Soldiers torched houses in Hti Hpo Kone village near Kalemyo.";
    let ms = g2.find(text, &[]);
    let m = ms
        .iter()
        .find(|m| m.name == "Hti Hpo Kone village")
        .unwrap();
    assert_eq!(m.location.place_id.as_deref(), Some("geonames:9000001"));
    assert_eq!(m.location.admin1.as_deref(), Some("Sagaing"));

    // Re-importing replaces rows by id and keeps the others.
    let newer = vec![rows[0].replace("Htee Hpo Kone", "Htee Hpo Gone")];
    let merged2 = geonames::merge_rows(&merged, &newer);
    assert_eq!(merged2.lines().filter(|l| !l.starts_with('#')).count(), 2);
    assert!(merged2.contains("Htee Hpo Gone") && !merged2.contains("\tHtee Hpo Kone\t"));
}
