//! The console's own files at `/console/`: its HTML shell, stylesheet and
//! wasm build, under a strict policy. Any path below `/console/` that is
//! not a file gets the shell, so a link into the app opens where it points.

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;

/// No inline script or style, nothing from elsewhere, never in a frame. The
/// publishing preview hands the real widget its draft as a `data:` feed.
const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: https:; connect-src 'self' data:; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

pub fn routes(site: &Path) -> Router<AppState> {
    let dir = site.join("console");
    let files = ServeDir::new(&dir).fallback(ServeFile::new(dir.join("index.html")));
    let header = |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .nest_service("/console/", files)
        .layer(header(header::CONTENT_SECURITY_POLICY, CONSOLE_CSP))
        .layer(header(header::CACHE_CONTROL, "no-cache"))
}
