//! The embed builder: the public page at `/embed` (the console's app, which
//! needs no sign-in there) and `GET /v1/embed`, what a snippet needs.

use std::path::Path;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use police_engage_contract::{EmbedInfo, PinnedLoader};
use sha2::{Digest, Sha256, Sha384};
use tower_http::services::ServeFile;

use super::feed::conditional;
use super::{base_url, AppState};
use crate::config::Settings;
use crate::error::Error;
use crate::feed_cache::Rendered;
use crate::text::hex;
use crate::updates;

/// The console's policy (the page shares its origin), but the preview may
/// also read feeds on the force's own website.
fn embed_csp(settings: &Settings) -> HeaderValue {
    let force = url::Url::parse(&settings.force_url).ok().map(|u| u.origin().ascii_serialization());
    let force = force.filter(|o| o.starts_with("http")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; \
         connect-src 'self' {force}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(policy.trim()).unwrap_or(HeaderValue::from_static("default-src 'self'"))
}
/// The loader at its stable address, as partner pages include it.
const LOADER: &str = "www/police-engage.js";

pub fn routes(settings: &Settings) -> Router<AppState> {
    let shell = settings.site_dir.join("console").join("index.html");
    let page = Router::new().route_service("/embed", ServeFile::new(shell));
    let release = Arc::new(release(&settings.site_dir));
    let info = get(move |state, headers| info(state, headers, release.clone()));
    Router::new().route("/v1/embed", info).merge(super::console::page_headers(page, embed_csp(settings)))
}

/// Kept with the feed's pages: the builder's areas change only when updates do.
async fn info(
    State(app): State<AppState>,
    headers: HeaderMap,
    release: Arc<Option<Release>>,
) -> Result<Response, Error> {
    let base = base_url(&app.settings, &headers);
    let rendered = app
        .feed_cache
        .get_or_render(format!("embed|{base}"), || async {
            let info = EmbedInfo {
                feed_url: format!("{base}/v1/feed.json"),
                loader_url: format!("{base}/widget/police-engage.js"),
                home_url: app.settings.force_url.clone(),
                pinned: release.as_ref().as_ref().map(|r| PinnedLoader {
                    url: format!("{base}/widget/{}", r.loader),
                    integrity: r.integrity.clone(),
                }),
                areas: updates::live_areas(&app.db).await?,
            };
            Rendered::json(&info)
        })
        .await?;
    let mut response = conditional(&headers, rendered, "application/json");
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// A release build's loader at its own address (`make dist` names a copy of
/// it by its content and writes the files it loads, with their hashes, into
/// it), read once at start-up. A development loader holds no hashes and
/// changes under its name: nothing to pin.
struct Release {
    /// Its file name in the site's `www/`.
    loader: String,
    integrity: String,
}

fn release(site: &Path) -> Option<Release> {
    let bytes = std::fs::read(site.join(LOADER)).ok()?;
    if !String::from_utf8_lossy(&bytes).contains("sha384-") {
        return None;
    }
    let loader = format!("police-engage.{}.js", &hex(&Sha256::digest(&bytes))[..8]);
    let copy = std::fs::read(site.join("www").join(&loader)).ok()?;
    let integrity = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&copy)));
    (copy == bytes).then_some(Release { loader, integrity })
}
