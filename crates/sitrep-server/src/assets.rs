//! The dashboard's static files, embedded in the binary: plain HTML, CSS and ES modules,
//! no build step and nothing loaded from elsewhere.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The OpenAPI 3 description of the API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// `(name, content type, bytes)` of every file under `/assets/`.
pub const FILES: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "api.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/api.js"),
    ),
    (
        "dom.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/dom.js"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/map.js"),
    ),
    (
        "timeline.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/timeline.js"),
    ),
    (
        "table.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/table.js"),
    ),
    (
        "event.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/event.js"),
    ),
    (
        "views.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/views.js"),
    ),
    (
        "outlines.json",
        "application/json",
        include_bytes!("../assets/outlines.json"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
];

/// `GET /`
pub(crate) async fn index() -> Response {
    let mut r = include_str!("../assets/index.html").into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// `GET /assets/{file}`
pub(crate) async fn asset(Path(file): Path<String>) -> Result<Response, ApiError> {
    let (_, ctype, bytes) = FILES
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or_else(|| ApiError::not_found(format!("no asset `{file}`")))?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(r)
}
