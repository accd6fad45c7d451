//! The HTTP handlers of the JSON API.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::backend::{Backend, CorrectField, CorrectValue, ExportFormat, ReviewAction};
use crate::error::ApiError;
use crate::evidence::{evidence, sentence_utf16};
use crate::query::{event_query, get, limit, Params};
use crate::token::{tokens_match, TOKEN_HEADER};

/// What every handler shares.
pub(crate) struct AppState {
    pub backend: Arc<dyn Backend>,
    pub token: String,
    pub max_page: usize,
}

pub(crate) type Shared = State<Arc<AppState>>;

/// Runs a blocking backend call off the async threads.
async fn blocking<T, F>(state: &Arc<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Backend) -> Result<T, ApiError> + Send + 'static,
{
    let backend = state.backend.clone();
    tokio::task::spawn_blocking(move || f(backend.as_ref()))
        .await
        .map_err(|e| ApiError::internal(format!("backend task failed: {e}")))?
}

/// `GET /api/events`
pub(crate) async fn list_events(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let q = event_query(&params, &["cursor", "limit"])?;
    let n = limit(&params, 100, st.max_page)?;
    let cursor = get(&params, "cursor").map(str::to_string);
    let page = blocking(&st, move |b| b.events(&q, cursor.as_deref(), n)).await?;
    Ok(Json(
        json!({"events": page.events, "next_cursor": page.next_cursor, "limit": n}),
    ))
}

/// `GET /api/summary`
pub(crate) async fn summary(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let q = event_query(&params, &[])?;
    let s = blocking(&st, move |b| b.summary(&q)).await?;
    Ok(Json(
        serde_json::to_value(s).map_err(|e| ApiError::internal(e.to_string()))?,
    ))
}

/// `GET /api/events/{id}`
pub(crate) async fn get_event(
    State(st): Shared,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id2 = id.clone();
    let bundle = blocking(&st, move |b| b.event(&id2))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no event `{id}`")))?;
    let text = &bundle.document.text;
    let ev = evidence(&bundle.event.event, text);
    let sentence = sentence_utf16(&bundle.event.event, text);
    Ok(Json(json!({
        "event": bundle.event,
        "document": bundle.document,
        "evidence": ev,
        "sentence_utf16": sentence,
        "incident": bundle.incident,
        "related": bundle.related,
        "flags": bundle.flags,
    })))
}

/// Body of `POST /api/events/{id}/review`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewBody {
    action: String,
    field: Option<String>,
    value: Option<Value>,
    reviewer: Option<String>,
}

/// Checks the write token of a request.
fn check_token(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(TOKEN_HEADER)
        .ok_or_else(|| {
            ApiError::unauthorized("writes need the token in the X-Sitrep-Token header")
        })?
        .to_str()
        .map_err(|_| ApiError::forbidden("the X-Sitrep-Token header is not valid text"))?;
    if tokens_match(given.trim(), &st.token) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "wrong token in the X-Sitrep-Token header",
        ))
    }
}

/// Validates a review body into an action and a reviewer name.
pub(crate) fn parse_review(body: ReviewBody) -> Result<(ReviewAction, String), ApiError> {
    let reviewer = body.reviewer.unwrap_or_else(|| "analyst".into());
    let reviewer = reviewer.trim().to_string();
    if reviewer.is_empty()
        || reviewer.chars().count() > 80
        || reviewer.chars().any(char::is_control)
    {
        return Err(ApiError::bad_request(
            "`reviewer` must be 1 to 80 characters without control characters",
        ));
    }
    let action = match body.action.as_str() {
        "accept" | "reject" => {
            if body.field.is_some() || body.value.is_some() {
                return Err(ApiError::bad_request(format!(
                    "`{}` takes no `field` or `value`",
                    body.action
                )));
            }
            if body.action == "accept" {
                ReviewAction::Accept
            } else {
                ReviewAction::Reject
            }
        }
        "correct" => {
            let field = body
                .field
                .ok_or_else(|| ApiError::bad_request("`correct` needs a `field`"))?;
            let field: CorrectField = serde_json::from_value(Value::String(field.clone()))
                .map_err(|_| {
                    ApiError::bad_request(format!(
                        "`field`: `{field}` cannot be corrected (count, place, date, type, actors)"
                    ))
                })?;
            let value = body
                .value
                .ok_or_else(|| ApiError::bad_request("`correct` needs a `value`"))?;
            ReviewAction::Correct {
                field,
                value: correct_value(field, &value)?,
            }
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "`action`: `{other}` is not accept, reject or correct"
            )))
        }
    };
    Ok((action, reviewer))
}

fn correct_value(field: CorrectField, v: &Value) -> Result<CorrectValue, ApiError> {
    let bad =
        |what: &str| ApiError::bad_request(format!("`value` for `{}`: {what}", field.as_str()));
    let int = |v: &Value| -> Result<Option<i64>, ApiError> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => n
                .as_i64()
                .filter(|n| *n >= 0)
                .map(Some)
                .ok_or_else(|| bad("counts are whole numbers, 0 or more")),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .map(Some)
                .ok_or_else(|| bad("counts are whole numbers, 0 or more")),
            _ => Err(bad("expected a number")),
        }
    };
    let text = |v: &Value| -> Result<String, ApiError> {
        let s = v.as_str().ok_or_else(|| bad("expected a string"))?.trim();
        if s.is_empty() || s.len() > 200 {
            return Err(bad("expected 1 to 200 bytes of text"));
        }
        Ok(s.to_string())
    };
    Ok(match field {
        CorrectField::Count => {
            let (low, best, high) = match v {
                Value::Object(m) => (
                    int(m.get("low").unwrap_or(&Value::Null))?,
                    int(m.get("best").unwrap_or(&Value::Null))?,
                    int(m.get("high").unwrap_or(&Value::Null))?,
                ),
                other => {
                    let n = int(other)?;
                    (n, n, n)
                }
            };
            let best = best.ok_or_else(|| bad("`best` is required"))?;
            if low.is_some_and(|l| l > best) || high.is_some_and(|h| h < best) {
                return Err(bad("needs low <= best <= high"));
            }
            CorrectValue::Count { low, best, high }
        }
        CorrectField::Place => CorrectValue::Place(text(v)?),
        CorrectField::Date => {
            let s = text(v)?;
            CorrectValue::Date(
                chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|_| bad("expected a date YYYY-MM-DD"))?,
            )
        }
        CorrectField::Type => {
            let s = text(v)?;
            CorrectValue::Type(s.parse().map_err(|e: String| bad(&e))?)
        }
        CorrectField::Actors => {
            let list: Vec<String> = match v {
                Value::Array(items) => items.iter().map(&text).collect::<Result<_, _>>()?,
                Value::String(s) => s
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                _ => return Err(bad("expected a list of names")),
            };
            if list.len() > 20 {
                return Err(bad("at most 20 actors"));
            }
            CorrectValue::Actors(list)
        }
    })
}

/// `POST /api/events/{id}/review`
pub(crate) async fn review_event(
    State(st): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<ReviewBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    check_token(&st, &headers)?;
    let Json(body) = body.map_err(|e| {
        ApiError::new(
            e.status(),
            crate::error::code_for(e.status()),
            e.body_text(),
        )
    })?;
    let (action, reviewer) = parse_review(body)?;
    let rec = blocking(&st, move |b| b.review(&id, &action, &reviewer)).await?;
    Ok(Json(json!({"event": rec})))
}

/// `GET /api/audit`
pub(crate) async fn audit(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    for (k, _) in &params {
        if k != "event" && k != "limit" {
            return Err(ApiError::bad_request(format!(
                "unknown parameter `{k}` (event, limit)"
            )));
        }
    }
    let n = limit(&params, 100, st.max_page)?;
    let event = get(&params, "event").map(str::to_string);
    let entries = blocking(&st, move |b| b.audit(event.as_deref(), n)).await?;
    Ok(Json(json!({"entries": entries})))
}

/// `GET /api/incidents`
pub(crate) async fn list_incidents(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let q = event_query(&params, &["cursor", "limit", "disputed"])?;
    let n = limit(&params, 100, st.max_page)?;
    let disputed = matches!(get(&params, "disputed"), Some("yes" | "true" | "1"));
    let cursor = get(&params, "cursor").map(str::to_string);
    let v = blocking(&st, move |b| {
        b.incidents(&q, disputed, cursor.as_deref(), n)
    })
    .await?;
    Ok(Json(v))
}

/// `GET /api/incidents/{id}`
pub(crate) async fn get_incident(
    State(st): Shared,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id2 = id.clone();
    blocking(&st, move |b| b.incident(&id2))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no incident `{id}`")))
}

/// Groupings of `GET /api/tally`.
pub const TALLY_BY: &[&str] = &["type", "admin1", "township", "actor", "month", "week"];

/// `GET /api/tally`
pub(crate) async fn tally(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let q = event_query(&params, &["by"])?;
    let by = get(&params, "by").unwrap_or("type").to_string();
    if !TALLY_BY.contains(&by.as_str()) {
        return Err(ApiError::bad_request(format!(
            "parameter `by`: `{by}` is not one of {}",
            TALLY_BY.join(", ")
        )));
    }
    let v = blocking(&st, move |b| b.tally(&by, &q)).await?;
    Ok(Json(v))
}

/// `GET /api/export`
pub(crate) async fn export(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Response, ApiError> {
    let q = event_query(&params, &["format"])?;
    let f = get(&params, "format").unwrap_or("jsonl");
    let format = ExportFormat::parse(f).ok_or_else(|| {
        ApiError::bad_request(format!(
            "parameter `format`: `{f}` is not acled-csv, ucdp-csv, jsonl or geojson"
        ))
    })?;
    let bytes = blocking(&st, move |b| b.export(format, &q)).await?;
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{}\"", format.file_name()))
            .expect("file names are ASCII"),
    );
    Ok(resp)
}

/// `GET /api/gazetteer`
pub(crate) async fn gazetteer(
    State(st): Shared,
    Query(params): Query<Params>,
) -> Result<Json<Value>, ApiError> {
    let name = get(&params, "name")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad_request("parameter `name` is required"))?
        .to_string();
    if name.len() > 200 {
        return Err(ApiError::bad_request(
            "parameter `name` is longer than 200 bytes",
        ));
    }
    let places = blocking(&st, move |b| b.gazetteer(&name)).await?;
    Ok(Json(json!({"places": places})))
}

/// `GET /api/meta`: version and limits, for the page.
pub(crate) async fn meta(State(st): Shared) -> Json<Value> {
    Json(json!({
        "name": "sitrep",
        "version": env!("CARGO_PKG_VERSION"),
        "max_page": st.max_page,
        "token_header": "X-Sitrep-Token",
        "event_types": sitrep_core::EventType::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
    }))
}

/// `GET /api/openapi.json`
pub(crate) async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::assets::OPENAPI,
    )
        .into_response()
}

/// Anything else: a JSON 404.
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route for `{}`", uri.path()))
}
