//! Results and their printing, in `score.py`'s text and JSON forms.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::{prf, py_float, py_repr, py_repr_str, round3};

/// Result for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocResult {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub full_tp: usize,
    /// Field → (sum of agreement, number of scored pairs).
    pub fields: BTreeMap<String, (f64, usize)>,
    /// Missed gold events as `type@place` (Python `str` of the place list or admin1).
    pub misses: Vec<String>,
    /// Types of the unmatched predictions.
    pub extras: Vec<Value>,
}

impl Serialize for DocResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("DocResult", 6)?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.serialize_field("full_tp", &self.full_tp)?;
        st.serialize_field("misses", &self.misses)?;
        st.serialize_field("extras", &self.extras)?;
        st.end()
    }
}

/// The scores over all documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub docs: usize,
    pub docs_with_output: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub full_tp: usize,
    /// Rounded to 3 decimals, as printed.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub full_match_f1: f64,
    /// Unrounded values.
    pub p_raw: f64,
    pub r_raw: f64,
    pub f1_raw: f64,
    pub full_raw: f64,
    /// Field → accuracy over matched pairs where the gold field is scored (rounded).
    pub field_accuracy: BTreeMap<String, f64>,
    /// Per gold document, in the gold folder's sorted order.
    pub per_doc: Vec<(String, DocResult)>,
}

/// A float printed as Python prints it (`1.0`, `0.333`).
struct PyFloat(f64);

impl Serialize for PyFloat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0)
    }
}

struct Ordered<'a>(&'a [(String, DocResult)]);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct JsonOut<'a> {
    r: &'a Report,
    per_doc: bool,
}

impl Serialize for JsonOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.r;
        let mut st = s.serialize_struct("Report", 11)?;
        st.serialize_field("docs", &r.docs)?;
        st.serialize_field("docs_with_output", &r.docs_with_output)?;
        st.serialize_field("tp", &r.tp)?;
        st.serialize_field("fp", &r.fp)?;
        st.serialize_field("fn", &r.fn_)?;
        st.serialize_field("precision", &PyFloat(r.precision))?;
        st.serialize_field("recall", &PyFloat(r.recall))?;
        st.serialize_field("f1", &PyFloat(r.f1))?;
        st.serialize_field("full_match_f1", &PyFloat(r.full_match_f1))?;
        st.serialize_field("field_accuracy", &r.field_accuracy)?;
        if self.per_doc {
            st.serialize_field("per_doc", &Ordered(&r.per_doc))?;
        }
        st.end()
    }
}

/// Python's `f"{x:.Nf}"`.
fn fixed(x: f64, n: usize) -> String {
    format!("{x:.n$}")
}

impl Report {
    /// The JSON `score.py --json` prints (`json.dumps(out, indent=1)`).
    pub fn to_json(&self, per_doc: bool) -> String {
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        JsonOut { r: self, per_doc }
            .serialize(&mut ser)
            .expect("serialising to memory");
        String::from_utf8(buf).expect("JSON is UTF-8")
    }

    /// The text `score.py` prints (with `--per-doc`, one line per document first).
    pub fn to_text(&self, per_doc: bool) -> String {
        let mut out = String::new();
        if per_doc {
            for (k, r) in &self.per_doc {
                let (_, _, ff) = prf(r.tp, r.fp, r.fn_);
                let misses: Vec<String> = r.misses.iter().take(6).map(|m| py_repr_str(m)).collect();
                let extras: Vec<String> = r.extras.iter().take(6).map(py_repr).collect();
                out.push_str(&format!(
                    "{k:40} tp={:3} fp={:3} fn={:3} f1={}  miss=[{}] extra=[{}]\n",
                    r.tp,
                    r.fp,
                    r.fn_,
                    fixed(ff, 2),
                    misses.join(", "),
                    extras.join(", ")
                ));
            }
        }
        out.push_str(&format!(
            "docs={} with_output={} tp={} fp={} fn={} P={} R={} F1={} full_match_F1={}\n",
            self.docs,
            self.docs_with_output,
            self.tp,
            self.fp,
            self.fn_,
            fixed(self.p_raw, 3),
            fixed(self.r_raw, 3),
            fixed(self.f1_raw, 3),
            fixed(self.full_raw, 3),
        ));
        let fields: Vec<String> = self
            .field_accuracy
            .iter()
            .map(|(k, v)| format!("{k}={}", py_float(round3(*v))))
            .collect();
        out.push_str(&format!("field accuracy: {}\n", fields.join(", ")));
        out
    }
}
