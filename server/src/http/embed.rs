//! The embed builder: the public page at `/embed` (the console's app, which
//! needs no sign-in there) and `GET /v1/embed`, what a snippet needs.

use std::path::PathBuf;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use police_engage_contract::EmbedInfo;
use sha2::{Digest, Sha384};
use tower_http::services::ServeFile;

use super::inbox::no_store;
use super::{base_url, AppState};
use crate::config::Settings;
use crate::error::Error;
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
/// The loader, as partner pages include it.
const LOADER: &str = "www/police-engage.js";

pub fn routes(settings: &Settings) -> Router<AppState> {
    let shell = settings.site_dir.join("console").join("index.html");
    let page = Router::new().route_service("/embed", ServeFile::new(shell));
    Router::new().route("/v1/embed", get(info)).merge(super::console::page_headers(page, embed_csp(settings)))
}

async fn info(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    let base = base_url(&app.settings, &headers);
    Ok(no_store(Json(EmbedInfo {
        feed_url: format!("{base}/v1/feed.json"),
        loader_url: format!("{base}/widget/police-engage.js"),
        home_url: app.settings.force_url.clone(),
        integrity: integrity(&app.settings.site_dir.join(LOADER)).await,
        areas: updates::live_areas(&app.db).await?,
    })))
}

/// The loader's Subresource Integrity hash, when it is a release build's
/// (`make dist` names its files by their content and writes their hashes into
/// the loader, so it pins them); a development loader holds no hash and
/// changes under its name, and a pinned hash would break.
async fn integrity(loader: &PathBuf) -> Option<String> {
    let bytes = tokio::fs::read(loader).await.ok()?;
    let release = String::from_utf8_lossy(&bytes).contains("sha384-");
    release.then(|| format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))))
}
