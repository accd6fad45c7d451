//! `sitrep serve`: the JSON API and the review dashboard.
//!
//! ```text
//! browser ──HTTP──▶ router (security headers, JSON errors, body limit)
//!                     ├─ /            index.html + /assets/* (embedded, no external loads)
//!                     └─ /api/*       handlers ──spawn_blocking──▶ dyn Backend
//!                                                                  ├─ StoreBackend (sitrep-store)
//!                                                                  └─ MemoryBackend (tests)
//! ```
//!
//! Security: reads are open; writes (`POST`) need the token in the `X-Sitrep-Token` header.
//! Every response carries a Content-Security-Policy that allows scripts and styles from the
//! server only (no inline code), and the page builds document text into the DOM as text.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub mod assets;
pub mod backend;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod memory;
pub mod query;
mod routes;
pub mod store_backend;
pub mod token;

pub use backend::{
    AuditEntry, Backend, CorrectField, CorrectValue, EventBundle, EventPage, EventQuery,
    EventRecord, ExportFormat, ReviewAction, ReviewStatus, Summary, SummaryBuilder,
};
pub use error::ApiError;
pub use memory::MemoryBackend;
pub use store_backend::StoreBackend;
pub use token::{resolve_token, token_path, TokenSource, TOKEN_HEADER};

/// Largest request body accepted (bytes); larger ones get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Largest page of `GET /api/events` (larger `limit`s are reduced to it).
pub const MAX_PAGE: usize = 1000;
/// Default listening address: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// The Content-Security-Policy of every response: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The write token.
    pub token: String,
    /// Largest page size.
    pub max_page: usize,
}

impl ServerConfig {
    /// Loopback:8080, the given token, default limits.
    pub fn new(token: impl Into<String>) -> Self {
        ServerConfig {
            bind: DEFAULT_BIND.parse().expect("valid default address"),
            token: token.into(),
            max_page: MAX_PAGE,
        }
    }
}

/// The whole application: API, dashboard and the security layers.
pub fn router(backend: Arc<dyn Backend>, config: &ServerConfig) -> Router {
    let state = Arc::new(routes::AppState {
        backend,
        token: config.token.clone(),
        max_page: config.max_page.max(1),
    });
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/:file", get(assets::asset))
        .route("/api/openapi.json", get(routes::openapi))
        .route("/api/meta", get(routes::meta))
        .route("/api/events", get(routes::list_events))
        .route("/api/events/:id", get(routes::get_event))
        .route("/api/events/:id/review", post(routes::review_event))
        .route("/api/summary", get(routes::summary))
        .route("/api/audit", get(routes::audit))
        .route("/api/incidents", get(routes::list_incidents))
        .route("/api/incidents/:id", get(routes::get_incident))
        .route("/api/tally", get(routes::tally))
        .route("/api/export", get(routes::export))
        .route("/api/gazetteer", get(routes::gazetteer))
        .fallback(routes::not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(harden))
}

/// Adds the security headers and turns any non-JSON error response (axum's own rejections,
/// 405s) into a JSON error.
async fn harden(req: Request, next: Next) -> Response {
    // Refuse oversized bodies before reading them, whatever the route.
    let too_big = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY_BYTES);
    let mut resp = if too_big {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("request bodies are limited to {MAX_BODY_BYTES} bytes"),
        )
        .into_response()
    } else {
        next.run(req).await
    };
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let (parts, body) = resp.into_parts();
        let text = axum::body::to_bytes(body, 16 * 1024)
            .await
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .unwrap_or_default();
        let message = if text.is_empty() {
            status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_string()
        } else {
            text
        };
        let err = ApiError::new(status, error::code_for(status), message);
        let mut new = err.into_response();
        for (k, v) in parts.headers.iter() {
            if k == header::ALLOW {
                new.headers_mut().insert(k.clone(), v.clone());
            }
        }
        resp = new;
    }
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Binds the listening socket (port 0 picks a free port).
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}

/// Serves on `listener` until Ctrl-C (or SIGTERM on Unix).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    backend: Arc<dyn Backend>,
    config: &ServerConfig,
) -> std::io::Result<()> {
    let app = router(backend, config);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

/// Builds a multi-threaded runtime, binds `config.bind`, calls `ready` with the bound address
/// (useful with port 0) and serves until Ctrl-C or SIGTERM.
pub fn run_blocking(
    backend: Arc<dyn Backend>,
    config: &ServerConfig,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = bind(config.bind).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.bind))
        })?;
        ready(listener.local_addr()?);
        serve_on(listener, backend, config).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Places of the embedded gazetteer that `name` may be, best first (at most 20).
pub fn gazetteer_lookup(name: &str) -> Result<Vec<serde_json::Value>, ApiError> {
    let g = sitrep_gazetteer::Gazetteer::embedded();
    Ok(g.lookup(name, None)
        .into_iter()
        .take(20)
        .map(|c| {
            serde_json::json!({
                "location": c.location,
                "score": c.score,
                "why": c.why,
                "source": format!("{:?}", c.source).to_lowercase(),
            })
        })
        .collect())
}
