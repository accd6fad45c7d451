//! `sitrep bench`: extraction throughput on a generated corpus.
//!
//! The corpus is generated here, deterministically from `--seed`: report-like
//! documents (a headline, then paragraphs) built from sentence templates with
//! numbers in every form of spec §2, places, units, armed groups, dates, quotes
//! and background sentences that are not events. All of it is fictional.
//!
//! Measured: the whole pipeline (`Extractor::extract`) over the corpus on
//! `--threads` threads (documents/s, MB/s, MB/s per core); each stage alone on one
//! thread over the first `--stage-mb` MB (sentences, quantities, times, places,
//! actors, assembly); the peak resident memory (`VmHWM`, which includes the corpus
//! held in memory).
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use sitrep_core::{Document, Mentions};
use sitrep_extract::{Extractor, Options};

#[derive(clap::Args)]
pub struct Args {
    /// Size of the generated corpus in MB (10^6 bytes).
    #[arg(long, default_value_t = 50)]
    mb: usize,
    /// Seed of the corpus generator (same seed, same corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads for the pipeline run (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// MB of the corpus on which each stage is timed alone (one thread).
    #[arg(long, default_value_t = 10)]
    stage_mb: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Write the generated corpus as text files into this folder and stop.
    #[arg(long)]
    write_corpus: Option<std::path::PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let target = args.mb * 1_000_000;
    let t0 = Instant::now();
    let docs = generate_corpus(args.seed, target);
    let gen_s = t0.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    if let Some(dir) = &args.write_corpus {
        std::fs::create_dir_all(dir)?;
        for (i, d) in docs.iter().enumerate() {
            std::fs::write(dir.join(format!("bench-{i:06}.txt")), &d.text)?;
        }
        eprintln!("wrote {} documents to {}", docs.len(), dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let extractor = Extractor::new(Options::default());
    // Warm up the embedded dictionaries outside the timings.
    let _ = extractor.extract(&Document::new("Warm-up sentence in Loikaw on Monday."));

    let cpu0 = process_cpu_s();
    let t = Instant::now();
    let events: usize = pool.install(|| {
        docs.par_iter()
            .map(|d| extractor.extract(d).events.len())
            .sum()
    });
    let pipe_s = t.elapsed().as_secs_f64();
    let pipe_cpu_s = match (cpu0, process_cpu_s()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };

    let stage_docs = {
        let mut n = 0usize;
        let mut b = 0usize;
        while n < docs.len() && b < args.stage_mb * 1_000_000 {
            b += docs[n].text.len();
            n += 1;
        }
        &docs[..n]
    };
    let stages = time_stages(stage_docs);
    let peak_kb = peak_rss_kb();

    let mb = bytes as f64 / 1e6;
    let r = BenchResult {
        documents: docs.len(),
        mb,
        seed: args.seed,
        threads,
        events,
        generate_s: gen_s,
        pipeline_s: pipe_s,
        pipeline_cpu_s: pipe_cpu_s,
        docs_per_s: docs.len() as f64 / pipe_s,
        mb_per_s: mb / pipe_s,
        mb_per_s_per_core: mb / pipe_s / threads as f64,
        stage_mb: stage_docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6,
        stages,
        peak_rss_mb: peak_kb.map(|k| k as f64 / 1024.0),
    };
    let text = if args.json {
        serde_json::to_string_pretty(&r.to_json())? + "\n"
    } else {
        r.table()
    };
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, text.as_bytes())?;
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

struct BenchResult {
    documents: usize,
    mb: f64,
    seed: u64,
    threads: usize,
    events: usize,
    generate_s: f64,
    pipeline_s: f64,
    /// CPU seconds (user + system) of the process during the pipeline run.
    pipeline_cpu_s: Option<f64>,
    docs_per_s: f64,
    mb_per_s: f64,
    mb_per_s_per_core: f64,
    stage_mb: f64,
    /// (stage, wall seconds, CPU seconds of the thread)
    stages: Vec<(&'static str, f64, Option<f64>)>,
    peak_rss_mb: Option<f64>,
}

impl BenchResult {
    fn to_json(&self) -> serde_json::Value {
        let stages: serde_json::Map<String, serde_json::Value> = self
            .stages
            .iter()
            .map(|(name, secs, cpu)| {
                (
                    name.to_string(),
                    serde_json::json!({"seconds": secs, "mb_per_s": self.stage_mb / secs,
                        "cpu_seconds": cpu, "mb_per_cpu_s": cpu.filter(|c| *c >= 0.05).map(|c| self.stage_mb / c)}),
                )
            })
            .collect();
        serde_json::json!({
            "documents": self.documents,
            "mb": self.mb,
            "seed": self.seed,
            "threads": self.threads,
            "events": self.events,
            "generate_s": self.generate_s,
            "pipeline_s": self.pipeline_s,
            "pipeline_cpu_s": self.pipeline_cpu_s,
            "mb_per_cpu_s": self.pipeline_cpu_s.map(|c| self.mb / c.max(1e-9)),
            "docs_per_s": self.docs_per_s,
            "mb_per_s": self.mb_per_s,
            "mb_per_s_per_core": self.mb_per_s_per_core,
            "stage_mb": self.stage_mb,
            "stages": stages,
            "peak_rss_mb": self.peak_rss_mb,
        })
    }

    fn table(&self) -> String {
        let mut s = format!(
            "corpus      {:.1} MB, {} documents (seed {}, generated in {:.1} s)\n",
            self.mb, self.documents, self.seed, self.generate_s
        );
        s += &format!(
            "pipeline    {} threads: {:.1} s, {:.0} documents/s, {:.2} MB/s, {:.2} MB/s per core, {} events\n",
            self.threads, self.pipeline_s, self.docs_per_s, self.mb_per_s, self.mb_per_s_per_core, self.events
        );
        if let Some(c) = self.pipeline_cpu_s {
            s += &format!(
                "cpu         {c:.1} CPU seconds: {:.2} MB per CPU second (independent of other load)\n",
                self.mb / c.max(1e-9)
            );
        }
        s += &format!(
            "stages      one thread over the first {:.1} MB:\n",
            self.stage_mb
        );
        s += &format!(
            "  {:<12} {:>10} {:>10} {:>10} {:>10}\n",
            "stage", "seconds", "MB/s", "CPU s", "MB/CPU s"
        );
        for (name, secs, cpu) in &self.stages {
            // CPU time comes in ticks of 10 ms: shorter runs give no rate.
            let (c, r) = match cpu {
                Some(c) if *c >= 0.05 => (format!("{c:.2}"), format!("{:.2}", self.stage_mb / c)),
                Some(_) => ("<0.05".into(), "-".into()),
                None => ("-".into(), "-".into()),
            };
            s += &format!(
                "  {:<12} {:>10.2} {:>10.2} {:>10} {:>10}\n",
                name,
                secs,
                self.stage_mb / secs.max(1e-9),
                c,
                r
            );
        }
        s += &match self.peak_rss_mb {
            Some(m) => format!("peak memory {m:.0} MB (VmHWM, includes the corpus in memory)\n"),
            None => "peak memory unknown (no /proc/self/status)\n".to_string(),
        };
        s
    }
}

/// Run `f`, returning its result, wall seconds and CPU seconds of this thread.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let c0 = thread_cpu_s();
    let t = Instant::now();
    let r = f();
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (c0, thread_cpu_s()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    (r, wall, cpu)
}

/// Each stage alone on one thread: (name, wall seconds, CPU seconds of the thread).
fn time_stages(docs: &[Document]) -> Vec<(&'static str, f64, Option<f64>)> {
    let mut out = Vec::new();
    let (sentences, w, c) = timed(|| {
        docs.iter()
            .map(|d| sitrep_text::sentences(&d.text))
            .collect::<Vec<_>>()
    });
    out.push(("sentences", w, c));
    let (quantities, w, c) = timed(|| {
        docs.iter()
            .map(|d| sitrep_quantity::find(&d.text))
            .collect::<Vec<_>>()
    });
    out.push(("quantities", w, c));
    let (times, w, c) = timed(|| {
        docs.iter()
            .map(|d| sitrep_time::find(&d.text, d.published))
            .collect::<Vec<_>>()
    });
    out.push(("times", w, c));
    let gaz = sitrep_gazetteer::Gazetteer::embedded();
    let (places, w, c) = timed(|| {
        docs.iter()
            .zip(&sentences)
            .map(|(d, s)| gaz.find(&d.text, s))
            .collect::<Vec<_>>()
    });
    out.push(("places", w, c));
    let dict = sitrep_actors::Actors::embedded();
    let (actors, w, c) = timed(|| {
        docs.iter()
            .zip(&sentences)
            .map(|(d, s)| {
                let a = dict.find(&d.text, s);
                let (attributions, quotes) = dict.attributions(&d.text, s, &a);
                (a, attributions, quotes)
            })
            .collect::<Vec<_>>()
    });
    out.push(("actors", w, c));
    let mentions: Vec<Mentions> = quantities
        .into_iter()
        .zip(times)
        .zip(places)
        .zip(actors)
        .map(|(((q, t), p), (a, at, qu))| Mentions {
            quantities: q,
            times: t,
            places: p,
            actors: a,
            attributions: at,
            quotes: qu,
        })
        .collect();
    let options = Options::default();
    let (n, w, c) = timed(|| {
        docs.iter()
            .zip(&sentences)
            .zip(&mentions)
            .map(|((d, s), m)| sitrep_events::assemble(d, s, m, &options).len())
            .sum::<usize>()
    });
    std::hint::black_box(n);
    out.push(("assembly", w, c));
    out
}

/// User + system CPU seconds from a `/proc/.../stat` file (fields 14 and 15, in
/// clock ticks of 1/100 s).
fn stat_cpu_s(path: &str) -> Option<f64> {
    let s = std::fs::read_to_string(path).ok()?;
    // The command name (field 2) may hold spaces; count fields after its `)`.
    let rest = &s[s.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// CPU seconds used by the whole process so far.
fn process_cpu_s() -> Option<f64> {
    stat_cpu_s("/proc/self/stat")
}

/// CPU seconds used by the calling thread so far.
fn thread_cpu_s() -> Option<f64> {
    stat_cpu_s("/proc/thread-self/stat")
}

/// Peak resident set size in kB (`VmHWM` of `/proc/self/status`).
fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

// ---------------------------------------------------------------------------
// Corpus generator (fictional report-like text).

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// (region as written, towns)
const REGIONS: &[(&str, &[&str])] = &[
    (
        "Sagaing Region",
        &[
            "Kale", "Kani", "Monywa", "Shwebo", "Kanbalu", "Depayin", "Tabayin", "Khin-U",
            "Yinmabin", "Pale",
        ],
    ),
    (
        "Magway Region",
        &[
            "Pauk", "Gangaw", "Myaing", "Saw", "Tilin", "Pakokku", "Seikphyu",
        ],
    ),
    (
        "Mandalay Region",
        &[
            "Madaya",
            "Singu",
            "Myingyan",
            "Natogyi",
            "Thabeikkyin",
            "Mogoke",
        ],
    ),
    (
        "northern Shan State",
        &[
            "Lashio",
            "Hsipaw",
            "Kyaukme",
            "Namhkam",
            "Muse",
            "Laukkaing",
            "Kutkai",
        ],
    ),
    (
        "southern Shan State",
        &["Pekon", "Moebye", "Pinlaung", "Hsihseng"],
    ),
    (
        "Kachin State",
        &[
            "Bhamo",
            "Myitkyina",
            "Waingmaw",
            "Momauk",
            "Mansi",
            "Hpakant",
        ],
    ),
    (
        "Karenni State",
        &["Loikaw", "Demoso", "Hpruso", "Mese", "Bawlakhe"],
    ),
    (
        "Karen State",
        &[
            "Hpapun",
            "Myawaddy",
            "Kawkareik",
            "Hlaingbwe",
            "Kyainseikgyi",
        ],
    ),
    (
        "Chin State",
        &["Falam", "Hakha", "Mindat", "Tedim", "Matupi", "Kanpetlet"],
    ),
    (
        "Rakhine State",
        &[
            "Kyauktaw",
            "Minbya",
            "Myebon",
            "Ann",
            "Ponnagyun",
            "Mrauk-U",
        ],
    ),
    (
        "Bago Region",
        &["Taungoo", "Pyay", "Paungde", "Shwegyin", "Kyauktaga"],
    ),
    (
        "Mon State",
        &["Kyaikmayaw", "Bilin", "Thaton", "Ye", "Kyaikto"],
    ),
    (
        "Tanintharyi Region",
        &["Dawei", "Launglon", "Palaw", "Myeik", "Thayetchaung"],
    ),
    ("Ayeyarwady Region", &["Pathein", "Hinthada", "Kyangin"]),
];

const SYLLABLES: &[&str] = &[
    "Kyauk", "Nyaung", "Thit", "Ywa", "Hpa", "Lay", "Pin", "Sin", "Myin", "Tha", "Zee", "Kone",
    "Gon", "Taw", "Ohn", "Chaung", "Inn", "Pauk", "Kan", "Tet", "Hla", "Wet", "Mye",
];

const GROUPS: &[&str] = &[
    "the People's Defense Force",
    "a local PDF battalion",
    "the Arakan Army",
    "the Kachin Independence Army",
    "the Karenni Nationalities Defense Force",
    "the Chin National Army",
    "the Karen National Liberation Army",
    "the Ta'ang National Liberation Army",
    "the Myanmar National Democratic Alliance Army",
    "resistance forces",
];

const JUNTA: &[&str] = &[
    "junta troops",
    "the military regime",
    "regime forces",
    "the Myanmar military",
    "the junta",
    "a regime column",
    "soldiers of the State Administration Council",
];

const OUTLETS: &[&str] = &["the outlet", "reporters", "this agency", "local media"];

const SOURCES: &[&str] = &[
    "a resident said",
    "a spokesperson for the group said",
    "local sources said",
    "according to a rescue worker",
    "a relief volunteer told reporters",
    "the group said in a statement",
    "according to a township administrator of the National Unity Government",
];

const VICTIMS: &[&str] = &["civilians", "villagers", "residents", "people", "children"];
const TROOPS: &[&str] = &[
    "soldiers",
    "troops",
    "junta soldiers",
    "police officers",
    "members",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ONES: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

const BACKGROUND: &[&str] = &[
    "The regime has not commented on the claims.",
    "The figures could not be independently verified.",
    "Internet and phone lines in the area have been cut for months, making it difficult to confirm reports.",
    "The military seized power in a coup in February 2021 and has since faced armed resistance across much of the country.",
    "Residents said they were afraid to return to their homes while troops remained in the area.",
    "Aid groups have warned that food and medicine are running short in the township.",
    "The junta routinely denies targeting civilians and says it is fighting terrorists.",
    "Travel on the main road has been restricted since fighting intensified.",
    "Several schools and a clinic in the area have been closed.",
    "A spokesperson for the military council could not be reached for comment.",
];

const QUOTES: &[&str] = &[
    "We ran to the forest as soon as we heard the planes",
    "They burned everything, even the rice stores",
    "We will keep defending our villages",
    "Nobody knows when it will be safe to go home",
    "The soldiers came at dawn and took the young men away",
    "We have not received any help so far",
];

fn number_words(n: usize) -> String {
    match n {
        0..=19 => ONES[n].to_string(),
        20..=99 => {
            let t = TENS[n / 10];
            if n.rem_euclid(10) == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", ONES[n % 10])
            }
        }
        _ => with_commas(n),
    }
}

fn with_commas(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).rem_euclid(3) == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

struct Gen<'a> {
    rng: &'a mut Rng,
    region: &'static str,
    towns: &'static [&'static str],
}

impl Gen<'_> {
    /// A count in one of the spec §2 forms.
    fn count(&mut self, max: usize) -> String {
        let n = 1 + self.rng.below(max);
        let num = if n < 100 && self.rng.chance(35) {
            number_words(n)
        } else {
            with_commas(n)
        };
        match self.rng.below(14) {
            0 => format!("around {num}"),
            1 => format!("about {num}"),
            2 => format!("more than {num}"),
            3 => format!("at least {num}"),
            4 => format!("nearly {num}"),
            5 => format!("up to {num}"),
            6 => format!("between {n} and {}", n + 2 * (1 + self.rng.below(10))),
            7 => self
                .rng
                .pick(&["dozens of", "hundreds of", "several", "a few", "scores of"])
                .to_string(),
            _ => num,
        }
    }
    fn town(&mut self) -> &'static str {
        self.towns[self.rng.below(self.towns.len())]
    }
    fn village(&mut self) -> String {
        format!(
            "{}{} village",
            self.rng.pick(SYLLABLES),
            self.rng.pick(SYLLABLES).to_lowercase()
        )
    }
    fn date(&mut self) -> String {
        match self.rng.below(8) {
            0..=2 => format!("on {}", self.rng.pick(WEEKDAYS)),
            3 | 4 => format!("on {} {}", self.rng.pick(MONTHS), 1 + self.rng.below(28)),
            5 => format!("since {} {}", self.rng.pick(MONTHS), 1 + self.rng.below(28)),
            6 => "earlier this month".to_string(),
            _ => format!("in {}", self.rng.pick(MONTHS)),
        }
    }
    fn unit(&mut self) -> String {
        let n = 1 + self.rng.below(400);
        match self.rng.below(4) {
            0 => format!("Light Infantry Battalion {n}"),
            1 => format!("LIB {n}"),
            2 => format!("Infantry Battalion {n}"),
            _ => format!("Light Infantry Division {}", 11 + self.rng.below(90)),
        }
    }
    fn source(&mut self) -> &'static str {
        self.rng.pick(SOURCES)
    }

    fn sentence(&mut self) -> String {
        let r = self.region;
        match self.rng.below(16) {
            0 => format!(
                "{} {} were killed when {} bombed {} in {} Township, {r}, {}, {}.",
                capitalise(&self.count(30)), self.rng.pick(VICTIMS), self.rng.pick(JUNTA),
                self.village(), self.town(), self.date(), self.source()
            ),
            1 => format!(
                "{} said it had captured an outpost of {} near {} {}, and that {} {} surrendered.",
                capitalise(self.rng.pick(GROUPS)), self.unit(), self.town(), self.date(),
                self.count(60), self.rng.pick(TROOPS)
            ),
            2 => format!(
                "{} houses were burned down in {} {} as troops raided the area, {}.",
                capitalise(&self.count(300)), self.village(), self.date(), self.source()
            ),
            3 => format!(
                "Fighting between {} and {} broke out near {} {}, forcing {} residents to flee their homes.",
                self.rng.pick(GROUPS), self.rng.pick(JUNTA), self.town(), self.date(), self.count(5000)
            ),
            4 => format!(
                "Police arrested {} young men in {} {} for evading conscription, a local source told {}.",
                self.count(40), self.town(), self.date(), self.rng.pick(OUTLETS)
            ),
            5 => format!(
                "\u{201c}{},\u{201d} said a {}-year-old resident of {}, who asked not to be named for security reasons.",
                self.rng.pick(QUOTES), 18 + self.rng.below(60), self.town()
            ),
            6 => format!(
                "A landmine exploded near {} in {} Township {}, killing {} {} and injuring {} others.",
                self.village(), self.town(), self.date(), self.count(6), self.rng.pick(VICTIMS), self.count(9)
            ),
            7 => format!(
                "{} prisoners were released from {} Prison {} under an amnesty announced by the regime.",
                capitalise(&self.count(900)), self.town(), self.date()
            ),
            8 => format!(
                "Artillery shells fired from a base in {} hit {} {}, injuring {} people including {} children.",
                self.town(), self.village(), self.date(), self.count(20), number_words(1 + self.rng.below(6))
            ),
            9 => format!(
                "{} members of {} defected to {} with their weapons {}, {}.",
                capitalise(&self.count(50)), self.unit(), self.rng.pick(GROUPS), self.date(), self.source()
            ),
            10 => format!(
                "Since the 2021 coup, more than {} people have been killed in {r}, according to a rights group that tracks the conflict.",
                with_commas(1000 + self.rng.below(9000))
            ),
            11 => format!(
                "The {} said on its Telegram channel that {} of its fighters had been killed in the battle for {}, while it put regime losses at {}.",
                self.rng.pick(&["group", "alliance", "resistance force"]), self.count(12), self.town(), self.count(150)
            ),
            12 => format!(
                "Troops of {} withdrew from their camp in {} {}, leaving behind ammunition and {} rifles.",
                self.unit(), self.town(), self.date(), 10 + self.rng.below(200)
            ),
            13 => format!(
                "The regime said {} {} had been sentenced to {} years in prison for desertion.",
                self.count(20), self.rng.pick(TROOPS), 3 + self.rng.below(10)
            ),
            _ => self.rng.pick(BACKGROUND).to_string(),
        }
    }

    fn document(&mut self) -> String {
        let town = self.town();
        let headline = match self.rng.below(5) {
            0 => format!("Airstrike kills villagers near {town}"),
            1 => format!("Resistance forces claim base near {town}"),
            2 => format!("Thousands flee fighting in {}", self.region),
            3 => format!("Arrests rise in {town} as conscription drive widens"),
            _ => format!("Homes torched in {town} Township raid"),
        };
        let mut doc = headline;
        doc.push_str("\n\n");
        let paragraphs = 5 + self.rng.below(9);
        for p in 0..paragraphs {
            let sentences = 1 + self.rng.below(3);
            for s in 0..sentences {
                if s > 0 {
                    doc.push(' ');
                }
                doc.push_str(&self.sentence());
            }
            doc.push('\n');
            if p + 1 < paragraphs {
                doc.push('\n');
            }
        }
        doc
    }
}

/// At least `target_bytes` of fictional report-like documents, the same for the same seed.
pub fn generate_corpus(seed: u64, target_bytes: usize) -> Vec<Document> {
    let mut rng = Rng(seed ^ 0x5157_5245_5000_0001);
    let base = NaiveDate::from_ymd_opt(2021, 2, 1).expect("valid date");
    let mut docs = Vec::new();
    let mut total = 0usize;
    while total < target_bytes {
        let (region, towns) = REGIONS[rng.below(REGIONS.len())];
        let published = base + Duration::days(rng.below(1600) as i64);
        let text = Gen {
            rng: &mut rng,
            region,
            towns,
        }
        .document();
        total += text.len();
        let n = docs.len();
        docs.push(
            Document::new(text)
                .with_path(format!("bench-{n:06}.txt"))
                .with_published(Some(published)),
        );
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_sized() {
        let a = generate_corpus(7, 200_000);
        let b = generate_corpus(7, 200_000);
        let c = generate_corpus(8, 200_000);
        assert_eq!(a, b);
        assert_ne!(a[0].text, c[0].text);
        let total: usize = a.iter().map(|d| d.text.len()).sum();
        assert!(total >= 200_000);
        // Report-like: headline, blank line, several paragraphs, numbers and places.
        let t = &a[0].text;
        assert!(t.contains("\n\n"));
        assert!(t.lines().count() >= 5);
        assert!(a.iter().any(|d| d.text.contains("Township")));
    }

    #[test]
    fn numbers_in_words_and_commas() {
        assert_eq!(number_words(41), "forty-one");
        assert_eq!(number_words(20), "twenty");
        assert_eq!(number_words(7), "seven");
        assert_eq!(with_commas(20000), "20,000");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1234567), "1,234,567");
    }
}
