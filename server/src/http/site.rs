//! The demo page and the widget files (loader, theme, wasm build).

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;

/// Short-lived: these names are not content-hashed, so a new release must
/// reach partner pages within minutes.
const WIDGET_CACHE: &str = "public, max-age=300";

pub fn routes(site: &Path) -> Router<AppState> {
    // /widget/x from www/, /widget/pkg/x from pkg/; nothing else of the site folder is exposed.
    let pkg = Router::new().nest_service("/pkg", ServeDir::new(site.join("pkg")));
    let widget = ServeDir::new(site.join("www")).fallback(pkg);
    let widget = Router::new()
        .nest_service("/widget", widget)
        // Partner pages load the module and the wasm cross-origin, in CORS mode.
        .layer(SetResponseHeaderLayer::overriding(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(WIDGET_CACHE)));
    let index = Router::new()
        .route_service("/", ServeFile::new(site.join("index.html")))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")));
    widget.merge(index)
}
