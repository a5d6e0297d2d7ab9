//! The demo page and the widget files (loader, theme, wasm build).

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;

/// Short-lived for names that stay the same across releases (the loader), so
/// a new release reaches partner pages within minutes.
const WIDGET_CACHE: &str = "public, max-age=300";
/// The demo page's own policy: the strict one we ask partners to be able to
/// keep, plus 'wasm-unsafe-eval', which the widget needs.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
/// Content-hashed names (`make dist`) never change their bytes.
const HASHED_CACHE: &str = "public, max-age=31536000, immutable";

pub fn routes(site: &Path) -> Router<AppState> {
    // /widget/x from www/, /widget/pkg/x from pkg/; nothing else of the site folder is exposed.
    let pkg = Router::new().nest_service("/pkg", ServeDir::new(site.join("pkg")));
    let widget = ServeDir::new(site.join("www")).fallback(pkg);
    let widget = Router::new()
        .nest_service("/widget", widget)
        // Partner pages load the module and the wasm cross-origin, in CORS mode.
        .layer(SetResponseHeaderLayer::overriding(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")))
        .layer(middleware::from_fn(cache_control));
    let index = Router::new()
        .route_service("/", ServeFile::new(site.join("index.html")))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP)));
    widget.merge(index)
}

async fn cache_control(request: Request, next: Next) -> Response {
    let policy = if is_hashed(request.uri().path()) { HASHED_CACHE } else { WIDGET_CACHE };
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// `name.1a2b3c4d.ext`: a content hash of eight hex digits before the extension.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() == 8
        && parts[parts.len() - 2].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/widget/pkg/police_engage_bg.684921e0.wasm"));
        assert!(is_hashed("/widget/police-engage.12b50988.css"));
        assert!(!is_hashed("/widget/police-engage.js"));
        assert!(!is_hashed("/widget/pkg/police_engage_bg.wasm"));
        assert!(!is_hashed("/widget/police-engage.notahash.css"));
    }
}
