//! Parsing of query-string parameters, with errors that name the parameter at fault.

use chrono::NaiveDate;
use sitrep_core::EventType;

use crate::backend::EventQuery;
use crate::error::ApiError;

/// Query parameters as sent, in order.
pub type Params = Vec<(String, String)>;

/// The event filters in `params`; parameters named in `also` are allowed and left alone,
/// any other unknown parameter is an error (a typo should not silently widen a query).
pub fn event_query(params: &Params, also: &[&str]) -> Result<EventQuery, ApiError> {
    let mut q = EventQuery::default();
    for (k, v) in params {
        let v = v.trim();
        match k.as_str() {
            "type" => {
                q.event_type = Some(v.parse::<EventType>().map_err(|e| {
                    ApiError::bad_request(format!("parameter `type`: {e}"))
                })?)
            }
            "admin1" => q.admin1 = non_empty(k, v)?,
            "place" => q.place = non_empty(k, v)?,
            "actor" => q.actor = non_empty(k, v)?,
            "since" => q.since = Some(date(k, v)?),
            "until" => q.until = Some(date(k, v)?),
            "min_count" => q.min_count = Some(int(k, v)?),
            "aggregate" => q.aggregate = Some(boolean(k, v)?),
            _ if also.contains(&k.as_str()) => {}
            _ => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{k}` (filters: type, admin1, place, actor, since, until, min_count, aggregate{}{})",
                    if also.is_empty() { "" } else { "; also: " },
                    also.join(", ")
                )))
            }
        }
    }
    if let (Some(s), Some(u)) = (q.since, q.until) {
        if s > u {
            return Err(ApiError::bad_request(format!(
                "parameter `since` ({s}) is after `until` ({u})"
            )));
        }
    }
    Ok(q)
}

/// The last value of parameter `name`, if any.
pub fn get<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `limit`: at most `max`; larger requests are reduced to `max`, zero or junk is an error.
pub fn limit(params: &Params, default: usize, max: usize) -> Result<usize, ApiError> {
    match get(params, "limit") {
        None => Ok(default.min(max)),
        Some(v) => {
            let n: usize = v.trim().parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "parameter `limit`: `{v}` is not a positive integer"
                ))
            })?;
            if n == 0 {
                return Err(ApiError::bad_request(
                    "parameter `limit` must be at least 1",
                ));
            }
            Ok(n.min(max))
        }
    }
}

fn non_empty(k: &str, v: &str) -> Result<Option<String>, ApiError> {
    if v.is_empty() {
        return Err(ApiError::bad_request(format!("parameter `{k}` is empty")));
    }
    if v.len() > 200 {
        return Err(ApiError::bad_request(format!(
            "parameter `{k}` is longer than 200 bytes"
        )));
    }
    Ok(Some(v.to_string()))
}

fn date(k: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        ApiError::bad_request(format!(
            "parameter `{k}`: `{v}` is not a date (expected YYYY-MM-DD)"
        ))
    })
}

fn int(k: &str, v: &str) -> Result<i64, ApiError> {
    v.parse()
        .map_err(|_| ApiError::bad_request(format!("parameter `{k}`: `{v}` is not an integer")))
}

fn boolean(k: &str, v: &str) -> Result<bool, ApiError> {
    match v {
        "yes" | "true" | "1" => Ok(true),
        "no" | "false" | "0" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "parameter `{k}`: `{v}` is not yes/no"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_every_filter() {
        let q = event_query(
            &p(&[
                ("type", "surrender"),
                ("admin1", "Shan"),
                ("place", "Lashio"),
                ("actor", "MNDAA"),
                ("since", "2023-10-27"),
                ("until", "2023-12-31"),
                ("min_count", "10"),
                ("aggregate", "no"),
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(q.event_type, Some(EventType::Surrender));
        assert_eq!(q.admin1.as_deref(), Some("Shan"));
        assert_eq!(q.since, NaiveDate::from_ymd_opt(2023, 10, 27));
        assert_eq!(q.min_count, Some(10));
        assert_eq!(q.aggregate, Some(false));
    }

    #[test]
    fn rejects_bad_values_naming_the_parameter() {
        let e = event_query(&p(&[("since", "27/10/2023")]), &[]).unwrap_err();
        assert!(e.message.contains("`since`"), "{e}");
        let e = event_query(&p(&[("type", "riot")]), &[]).unwrap_err();
        assert!(e.message.contains("`type`"), "{e}");
        let e = event_query(&p(&[("tpye", "battle")]), &[]).unwrap_err();
        assert!(e.message.contains("unknown parameter `tpye`"), "{e}");
        let e =
            event_query(&p(&[("since", "2024-01-02"), ("until", "2024-01-01")]), &[]).unwrap_err();
        assert!(e.message.contains("after"), "{e}");
        assert!(event_query(&p(&[("cursor", "x")]), &["cursor"]).is_ok());
    }

    #[test]
    fn limit_is_capped() {
        assert_eq!(limit(&p(&[]), 100, 500).unwrap(), 100);
        assert_eq!(limit(&p(&[("limit", "100000")]), 100, 500).unwrap(), 500);
        assert!(limit(&p(&[("limit", "0")]), 100, 500).is_err());
        assert!(limit(&p(&[("limit", "-3")]), 100, 500).is_err());
    }
}
