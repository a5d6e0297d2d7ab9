//! The console's own files at `/console/`: its HTML shell, stylesheet and
//! wasm build, under a strict policy. Any path below `/console/` that is
//! not a file gets the shell, so a link into the app opens where it points.

use std::path::Path;

use axum::http::{header, HeaderName, HeaderValue};
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

/// No camera, microphone, location or payment for the console's pages.
const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

pub fn routes(site: &Path) -> Router<AppState> {
    let dir = site.join("console");
    let files = ServeDir::new(&dir).fallback(ServeFile::new(dir.join("index.html")));
    let pages = Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .nest_service("/console/", files);
    page_headers(pages, HeaderValue::from_static(CONSOLE_CSP))
}

/// What the console's pages and the embed builder's are served with: their
/// policy, revalidation, no powerful features, and a window no page on
/// another origin can hold a reference to.
pub fn page_headers(pages: Router<AppState>, csp: HeaderValue) -> Router<AppState> {
    let set = |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::overriding(name, value);
    pages
        .layer(set(header::CONTENT_SECURITY_POLICY, csp))
        .layer(set(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(set(HeaderName::from_static("permissions-policy"), HeaderValue::from_static(PERMISSIONS)))
        .layer(set(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")))
}
