//! `GET /v1/first-view`: the widget's first view as HTML, rendered here from
//! the widget's own components, for the loader to paint while the wasm is on
//! its way. Only for this server's own feed: the page of it that `src` names.

use std::collections::HashMap;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use police_engage::config::Config;
use police_engage_contract::Code;
use tower_http::set_header::SetResponseHeaderLayer;

use super::feed::{bounded_query, conditional, page};
use super::{base_url, AppState};
use crate::error::Error;
use crate::feed_cache::Rendered;

/// The feed's path, relative to the server's root, as the loader sends it.
const FEED_PATH: &str = "v1/feed.json";
const CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// Partner pages fetch it, like the feed. If it is ever opened as a page, it
/// may run and load nothing.
pub fn routes() -> Router<AppState> {
    let set = |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    Router::new()
        .route("/v1/first-view", get(first_view))
        .layer(set(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .layer(set(header::CONTENT_SECURITY_POLICY, "default-src 'none'"))
}

/// The query: `src`, the feed relative to the server's root (`v1/feed.json?…`),
/// the element's attributes that change what shows (`limit`, `categories`,
/// `area`, `lang`, `heading-level`, `feedback`) and the resident's `your-area`.
async fn first_view(State(app): State<AppState>, request: Request) -> Result<Response, Error> {
    let attributes: HashMap<String, String> = bounded_query(request.uri().query())?;
    let headers = request.headers();
    let base = base_url(&app.settings, headers);
    let src = attributes.get("src").map(String::as_str).unwrap_or_default();
    let feed_query = match src.split_once('?') {
        Some((FEED_PATH, query)) => Some(query),
        None if src == FEED_PATH => None,
        _ => return Err(Error::bad("src", Code::Invalid, format!("src must be this server's feed, {FEED_PATH}"))),
    };
    let feed = page(&app, &base, feed_query).await?;
    let config = shown(Config::from_attributes(|name| attributes.get(name).cloned()));
    // The feed page's own tag, not `src` as sent: parameters that change
    // neither the page nor what shows make no new entry.
    let key = format!("first-view|{:?}|{config:?}", feed.etag());
    let rendered = app
        .feed_cache
        .get_or_render(key, || async {
            let feed = std::str::from_utf8(feed.body()).map_err(|e| Error::Internal(e.into()))?;
            let now = chrono::Utc::now().timestamp_millis() as f64;
            let html = police_engage::first_view::render(feed, config, now).await;
            let html = html.map_err(|e| Error::Internal(anyhow::anyhow!("own feed unreadable: {e:?}")))?;
            Ok(Rendered::quick(html.into_bytes()))
        })
        .await?;
    Ok(conditional(headers, rendered, CONTENT_TYPE))
}

/// The config with only what the first view shows: the feed is settled by
/// now, the privacy link is in the form, polling starts later, and of the
/// feedback address only whether there is one (the button) matters.
fn shown(config: Config) -> Config {
    let feedback = config.feedback.as_ref().map(|_| String::new());
    Config { src: None, privacy: None, refresh: None, feedback, ..config }
}
