//! Name normalisation of `score.py`: lower case, only `[a-z0-9' ]`, single spaces;
//! unit designations to one form (`LIB 143`, `IB 125`, `LID 22`, `MOC 9`); place type
//! words dropped.

use std::sync::OnceLock;

use regex::Regex;

/// Lower case, `’` to `'`, every run of characters other than `a-z0-9'` and space to one
/// space, spaces collapsed and trimmed. `None` normalises to the empty string.
pub fn norm(s: Option<&str>) -> String {
    let s = s.unwrap_or("").to_lowercase().replace('\u{2019}', "'");
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'';
        if keep {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

fn unit_patterns() -> &'static [(Regex, &'static str)] {
    static RX: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    RX.get_or_init(|| {
        [
            (
                r"^(light infantry division|lid|division|infantry division)\s*(?:no\.?\s*)?(\d+)$",
                "lid",
            ),
            (
                r"^(light infantry battalion|light infantry brigade|lib)\s*(?:no\.?\s*)?(\d+)$",
                "lib",
            ),
            (r"^(infantry battalion|ib)\s*(?:no\.?\s*)?(\d+)$", "ib"),
            (
                r"^(military operations command|moc)\s*(?:no\.?\s*)?(\d+)$",
                "moc",
            ),
        ]
        .into_iter()
        .map(|(p, f)| (Regex::new(p).expect("unit pattern"), f))
        .collect()
    })
}

/// [`norm`], then unit designations to `lid N`, `lib N`, `ib N` or `moc N`.
pub fn norm_actor(s: Option<&str>) -> String {
    let n = norm(s);
    for (rx, prefix) in unit_patterns() {
        if let Some(c) = rx.captures(&n) {
            return format!("{prefix} {}", &c[2]);
        }
    }
    n
}

/// [`norm`], then a leading `the ` and one trailing type word (`township`, `town`,
/// `village`, `city`, `region`, `state`, `division`) dropped.
pub fn norm_place(s: Option<&str>) -> String {
    let n = norm(s);
    let n = n.strip_prefix("the ").unwrap_or(&n);
    for suffix in [
        " township",
        " town",
        " village",
        " city",
        " region",
        " state",
        " division",
    ] {
        if let Some(stripped) = n.strip_suffix(suffix) {
            return stripped.to_string();
        }
    }
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_like_python() {
        assert_eq!(
            norm(Some("  Ta\u{2019}ang  National-Liberation Army!")),
            "ta'ang national liberation army"
        );
        assert_eq!(norm(None), "");
        assert_eq!(norm(Some("Nay Pyi Taw")), "nay pyi taw");
        assert_eq!(norm(Some("Hpa-an")), "hpa an");
        assert_eq!(norm(Some("---")), "");
    }

    #[test]
    fn units_normalise_to_one_form() {
        assert_eq!(norm_actor(Some("Light Infantry Battalion 143")), "lib 143");
        assert_eq!(norm_actor(Some("LIB 143")), "lib 143");
        assert_eq!(norm_actor(Some("Light Infantry Division 22")), "lid 22");
        assert_eq!(norm_actor(Some("Division 22")), "lid 22");
        assert_eq!(norm_actor(Some("LID No. 22")), "lid 22");
        assert_eq!(norm_actor(Some("Infantry Battalion 125")), "ib 125");
        assert_eq!(norm_actor(Some("IB125")), "ib 125");
        assert_eq!(norm_actor(Some("Military Operations Command 9")), "moc 9");
        assert_eq!(norm_actor(Some("MNDAA")), "mndaa");
    }

    #[test]
    fn places_drop_type_words() {
        assert_eq!(norm_place(Some("Kanbalu Township")), "kanbalu");
        assert_eq!(norm_place(Some("the Sagaing Region")), "sagaing");
        assert_eq!(norm_place(Some("northern Shan State")), "northern shan");
        assert_eq!(norm_place(Some("Insein Prison")), "insein prison");
        assert_eq!(
            norm_place(Some("Town")),
            "town",
            "needs a space before the suffix"
        );
    }
}
