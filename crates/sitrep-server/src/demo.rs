//! A small set of fictional reports with hand-built events, for tests, demos, screenshots and
//! benchmarks of the server. The reports are written for sitrep; places are real, the events
//! are not. One report carries HTML and a `<script>` in its text, as a hostile page might.

use chrono::NaiveDate;
use sitrep_core::{
    Actor, ActorKind, DocOutput, Document, Event, EventType, Location, Measure, Modality,
    PlacePrecision, Qualifier, Quantity, Role, Span, Time, TimePrecision,
};

/// A place of the demo data: name, admin1, township, lat, lon, precision.
type Place = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    PlacePrecision,
);

/// A count of the demo data: phrase, measure, low, best, high, qualifier.
type Count = (
    &'static str,
    Measure,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Qualifier,
);

/// One event to build: type, trigger, count (phrase, measure, low, best, high, qualifier),
/// place phrase, date phrase and day, actors (phrase, canonical, kind, role).
struct Spec {
    ty: EventType,
    trigger: &'static str,
    count: Option<Count>,
    place: Option<(&'static str, Place)>,
    date: Option<(&'static str, &'static str)>,
    actors: &'static [(&'static str, &'static str, ActorKind, Role)],
    aggregate: bool,
}

fn find(text: &str, phrase: &str, what: &str) -> Span {
    let s = text
        .find(phrase)
        .unwrap_or_else(|| panic!("demo data: {what} `{phrase}` not in the text"));
    Span(s, s + phrase.len())
}

fn sentence_of(text: &str, at: Span) -> Span {
    let start = text[..at.0].rfind(['.', '\n']).map(|i| i + 1).unwrap_or(0);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[at.1..]
        .find(". ")
        .map(|i| at.1 + i + 1)
        .unwrap_or(text.len());
    Span(start, end)
}

fn build(doc: &Document, n: usize, s: &Spec) -> Event {
    let text = &doc.text;
    let trigger = find(text, s.trigger, "trigger");
    let quantities = s
        .count
        .iter()
        .map(|(phrase, m, low, best, high, q)| Quantity {
            measure: *m,
            who: phrase.split_whitespace().last().map(str::to_string),
            low: *low,
            best: *best,
            high: *high,
            qualifier: *q,
            text: phrase.to_string(),
            span: find(text, phrase, "count"),
        })
        .collect();
    let location =
        s.place.map(
            |(phrase, (name, admin1, township, lat, lon, precision))| Location {
                name: name.to_string(),
                place_id: None,
                kind: Some(precision.as_str().to_string()),
                admin1: Some(admin1.to_string()),
                township: (!township.is_empty()).then(|| township.to_string()),
                lat: Some(lat),
                lon: Some(lon),
                precision: Some(precision),
                span: Some(find(text, phrase, "place")),
            },
        );
    let time = match s.date {
        Some((phrase, day)) => {
            let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("demo date");
            Time {
                start: Some(d),
                end: Some(d),
                precision: Some(TimePrecision::Day),
                text: Some(phrase.to_string()),
                text_norm: None,
                span: Some(find(text, phrase, "date")),
            }
        }
        None => Time::default(),
    };
    let actors = s
        .actors
        .iter()
        .map(|(phrase, canonical, kind, role)| Actor {
            role: *role,
            name: phrase.to_string(),
            canonical: canonical.to_string(),
            kind: *kind,
            parent: None,
            span: Some(find(text, phrase, "actor")),
        })
        .collect();
    Event {
        id: format!("{}-{n}", doc.doc_id),
        event_type: s.ty,
        aggregate: s.aggregate,
        modality: Modality::Asserted,
        quantities,
        location,
        time,
        actors,
        claimed_by: None,
        sentence: sentence_of(text, trigger),
        trigger,
        confidence: 0.8,
        mentions: vec![],
        explain: vec![],
    }
}

const LASHIO: Place = (
    "Lashio",
    "Shan",
    "Lashio",
    22.936,
    97.749,
    PlacePrecision::Town,
);
const LAUKKAING: Place = (
    "Laukkaing",
    "Shan",
    "Laukkaing",
    23.694,
    98.758,
    PlacePrecision::Town,
);
const HSIPAW: Place = (
    "Hsipaw",
    "Shan",
    "Hsipaw",
    22.617,
    97.300,
    PlacePrecision::Town,
);
const MYAWADDY: Place = (
    "Myawaddy",
    "Kayin",
    "Myawaddy",
    16.689,
    98.508,
    PlacePrecision::Town,
);
const PAUKTAW: Place = (
    "Pauktaw",
    "Rakhine",
    "Pauktaw",
    20.183,
    92.900,
    PlacePrecision::Town,
);
const KALAY: Place = (
    "Kalay",
    "Sagaing",
    "Kalay",
    23.189,
    94.058,
    PlacePrecision::Town,
);
const DEMOSO: Place = (
    "Demoso",
    "Kayah",
    "Demoso",
    19.530,
    97.135,
    PlacePrecision::Town,
);
const HPAKANT: Place = (
    "Hpakant",
    "Kachin",
    "Hpakant",
    25.612,
    96.311,
    PlacePrecision::Town,
);
const MINDAT: Place = (
    "Mindat",
    "Chin",
    "Mindat",
    21.374,
    93.973,
    PlacePrecision::Town,
);
const INSEIN: Place = (
    "Insein Prison",
    "Yangon",
    "Insein",
    16.894,
    96.101,
    PlacePrecision::Site,
);

use ActorKind::*;
use Measure::*;
use Qualifier::*;
use Role::*;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The demo reports with their events: `(document, output)` pairs ready for
/// `Store::insert_document`.
pub fn reports() -> Vec<(Document, DocOutput)> {
    let raw: Vec<(&str, &str, &str, Vec<Spec>)> = vec![
        (
            "Battalion surrenders near Lashio",
            "2024-01-12",
            "LASHIO — Around 120 soldiers of a junta battalion surrendered to the MNDAA near Lashio on January 10, residents said.\n\nThe Kokang group said the troops handed over their weapons after a week-long siege. Families of the soldiers were moved to a camp outside the town.",
            vec![Spec {
                ty: EventType::Surrender,
                trigger: "surrendered",
                count: Some(("Around 120 soldiers", People, Some(108), Some(120), Some(132), Approx)),
                place: Some(("Lashio", LASHIO)),
                date: Some(("on January 10", "2024-01-10")),
                actors: &[("junta battalion", "Myanmar Armed Forces", StateForce, Agent), ("MNDAA", "MNDAA", ArmedGroup, Counterpart)],
                aggregate: false,
            }],
        ),
        (
            "Airstrike on village kills civilians",
            "2024-01-20",
            "An airstrike on a village near Laukkaing killed at least 9 civilians on January 18, according to local rescue workers.\n\nTwo houses were destroyed in the strike, they said.",
            vec![Spec {
                ty: EventType::Airstrike,
                trigger: "airstrike",
                count: Some(("at least 9 civilians", Killed, Some(9), Some(9), None, AtLeast)),
                place: Some(("Laukkaing", LAUKKAING)),
                date: Some(("on January 18", "2024-01-18")),
                actors: &[],
                aggregate: false,
            }],
        ),
        (
            "Clashes in Hsipaw township",
            "2024-02-03",
            "Fighting broke out between the TNLA and regime troops in Hsipaw on February 1. A TNLA spokesman said 14 soldiers were killed in the battle.\n\nThe group also said it had captured an outpost on the road to Lashio.",
            vec![
                Spec {
                    ty: EventType::Battle,
                    trigger: "Fighting broke out",
                    count: Some(("14 soldiers", Killed, Some(14), Some(14), Some(14), Exact)),
                    place: Some(("Hsipaw", HSIPAW)),
                    date: Some(("on February 1", "2024-02-01")),
                    actors: &[("TNLA", "TNLA", ArmedGroup, Agent), ("regime troops", "Myanmar Armed Forces", StateForce, Counterpart)],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Capture,
                    trigger: "captured",
                    count: None,
                    place: Some(("Lashio", LASHIO)),
                    date: None,
                    actors: &[],
                    aggregate: false,
                },
            ],
        ),
        (
            "Thousands flee fighting near Myawaddy",
            "2024-02-15",
            "More than 2,000 people fled across the border from Myawaddy on February 13 after shelling hit the outskirts of the town.\n\nThe KNLA said junta artillery fired on two villages.",
            vec![
                Spec {
                    ty: EventType::Displacement,
                    trigger: "fled",
                    count: Some(("More than 2,000 people", People, Some(2001), Some(2001), None, MoreThan)),
                    place: Some(("Myawaddy", MYAWADDY)),
                    date: Some(("on February 13", "2024-02-13")),
                    actors: &[],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Shelling,
                    trigger: "artillery fired",
                    count: None,
                    place: Some(("Myawaddy", MYAWADDY)),
                    date: Some(("on February 13", "2024-02-13")),
                    actors: &[("junta", "Myanmar Armed Forces", StateForce, Agent)],
                    aggregate: false,
                },
            ],
        ),
        (
            "Arakan Army takes Pauktaw",
            "2024-03-02",
            "The Arakan Army said on Friday it had captured Pauktaw, the first township seat it has taken in Rakhine State.\n\nResidents said about 300 houses were burned during the fighting.",
            vec![
                Spec {
                    ty: EventType::Capture,
                    trigger: "captured",
                    count: None,
                    place: Some(("Pauktaw", PAUKTAW)),
                    date: Some(("on Friday", "2024-03-01")),
                    actors: &[("Arakan Army", "AA", ArmedGroup, Agent)],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Arson,
                    trigger: "burned",
                    count: Some(("about 300 houses", Houses, Some(270), Some(300), Some(330), Approx)),
                    place: Some(("Pauktaw", PAUKTAW)),
                    date: None,
                    actors: &[],
                    aggregate: false,
                },
            ],
        ),
        (
            "Conscripts desert in Sagaing",
            "2024-03-10",
            "Some 40 new conscripts deserted from a training camp in Kalay this week, a local PDF said.\n\nThe group said it had received 12 of them at its base.",
            vec![
                Spec {
                    ty: EventType::Desertion,
                    trigger: "deserted",
                    count: Some(("Some 40 new conscripts", People, Some(36), Some(40), Some(44), Approx)),
                    place: Some(("Kalay", KALAY)),
                    date: Some(("this week", "2024-03-08")),
                    actors: &[],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Defection,
                    trigger: "received",
                    count: Some(("12 of them", People, Some(12), Some(12), Some(12), Exact)),
                    place: Some(("Kalay", KALAY)),
                    date: None,
                    actors: &[("PDF", "PDF", ArmedGroup, Counterpart)],
                    aggregate: false,
                },
            ],
        ),
        (
            "Report with a hostile page: <script>",
            "2024-03-15",
            "KNDF fighters attacked a junta outpost in Demoso on March 14 <script>window.__sitrep_pwned = true; document.title = 'pwned';</script> and killed 5 soldiers.\n\n<img src=x onerror=\"window.__sitrep_pwned = true\"> The group said the outpost was abandoned afterwards.",
            vec![Spec {
                ty: EventType::Battle,
                trigger: "attacked",
                count: Some(("5 soldiers", Killed, Some(5), Some(5), Some(5), Exact)),
                place: Some(("Demoso", DEMOSO)),
                date: Some(("on March 14", "2024-03-14")),
                actors: &[("KNDF", "KNDF", ArmedGroup, Agent)],
                aggregate: false,
            }],
        ),
        (
            "Jade mine town raided",
            "2024-03-22",
            "Police arrested 23 young men in Hpakant on March 20 and sent them for military training, relatives said.\n\nThe KIA said the men were taken under the conscription law.",
            vec![
                Spec {
                    ty: EventType::Arrest,
                    trigger: "arrested",
                    count: Some(("23 young men", People, Some(23), Some(23), Some(23), Exact)),
                    place: Some(("Hpakant", HPAKANT)),
                    date: Some(("on March 20", "2024-03-20")),
                    actors: &[("Police", "Myanmar Police Force", ActorKind::Police, Agent)],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Conscription,
                    trigger: "sent them for military training",
                    count: Some(("23 young men", People, Some(23), Some(23), Some(23), Exact)),
                    place: Some(("Hpakant", HPAKANT)),
                    date: Some(("on March 20", "2024-03-20")),
                    actors: &[],
                    aggregate: false,
                },
            ],
        ),
        (
            "Chin town shelled",
            "2024-04-02",
            "Artillery shells hit Mindat on March 30, killing 3 civilians and wounding several others, the Chin National Army said.",
            vec![Spec {
                ty: EventType::Shelling,
                trigger: "Artillery shells hit",
                count: Some(("3 civilians", Killed, Some(3), Some(3), Some(3), Exact)),
                place: Some(("Mindat", MINDAT)),
                date: Some(("on March 30", "2024-03-30")),
                actors: &[],
                aggregate: false,
            }],
        ),
        (
            "Prisoners freed under amnesty",
            "2024-04-18",
            "Around 200 prisoners were released from Insein Prison on April 17 under an amnesty for the new year.\n\nSince October, hundreds of soldiers have surrendered across the country, the resistance says.",
            vec![
                Spec {
                    ty: EventType::PrisonerRelease,
                    trigger: "released",
                    count: Some(("Around 200 prisoners", People, Some(180), Some(200), Some(220), Approx)),
                    place: Some(("Insein Prison", INSEIN)),
                    date: Some(("on April 17", "2024-04-17")),
                    actors: &[],
                    aggregate: false,
                },
                Spec {
                    ty: EventType::Surrender,
                    trigger: "have surrendered",
                    count: Some(("hundreds of soldiers", People, Some(200), None, Some(999), Vague)),
                    place: None,
                    date: None,
                    actors: &[],
                    aggregate: true,
                },
            ],
        ),
    ];
    raw.into_iter()
        .enumerate()
        .map(|(i, (title, published, text, specs))| {
            let doc = Document::new(text)
                .with_path(format!("demo/report-{:02}.txt", i + 1))
                .with_published(day(published))
                .with_title(Some(title.to_string()));
            let events = specs
                .iter()
                .enumerate()
                .map(|(n, s)| build(&doc, n + 1, s))
                .collect();
            let out = DocOutput {
                doc_id: doc.doc_id.clone(),
                path: doc.path.clone(),
                published: doc.published,
                title: doc.title.clone(),
                events,
                quotes: vec![],
                warnings: vec![],
            };
            (doc, out)
        })
        .collect()
}

/// Stores the demo reports in `store`; returns the number of events.
pub fn seed(store: &mut sitrep_store::Store) -> Result<usize, sitrep_store::StoreError> {
    let mut n = 0;
    for (doc, out) in reports() {
        n += out.events.len();
        store.insert_document(&doc, &out)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_span_fits_its_text() {
        let reports = reports();
        assert_eq!(reports.len(), 10);
        for (doc, out) in &reports {
            for e in &out.events {
                assert!(doc.text.get(e.sentence.0..e.sentence.1).is_some());
                assert!(e.sentence.contains(e.trigger), "{}: {:?}", doc.text, e);
            }
        }
        assert!(reports.iter().any(|(d, _)| d.text.contains("<script>")));
    }
}
