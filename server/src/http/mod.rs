//! The HTTP surface: one module per resource, assembled here.

mod actor;
mod audit;
mod console;
mod embed;
mod feed;
pub mod feedback;
mod first_view;
mod health;
mod inbox;
mod insight;
mod partners;
mod people;
mod session;
mod shed;
mod site;
mod updates;

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::db::Db;
use crate::import::Source;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;

/// What every handler shares, behind one `Arc`: axum clones the state for
/// each request, and one reference count is cheaper than one per field.
#[derive(Clone)]
pub struct AppState(Arc<App>);

pub struct App {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// SHA-256 (hex) of the admin bearer token.
    pub admin_hash: String,
    pub feedback_limiter: RateLimiter,
    pub feedback_writer: crate::feedback::Writer,
    pub feed_cache: crate::feed_cache::FeedCache,
    pub metrics: Arc<Metrics>,
    /// Import sources polled on a schedule, for /healthz.
    pub sources: Vec<Source>,
    /// How long console sessions live.
    pub lifetimes: crate::sessions::Lifetimes,
    pub insight_cache: crate::insight::InsightCache,
    pub shed: shed::Shed,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        AppState(Arc::new(app))
    }
}

impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}

pub use shed::Shed;

pub fn router(state: AppState) -> Router {
    let site_dir = state.settings.site_dir.clone();
    Router::new()
        .merge(feed::routes())
        .merge(first_view::routes())
        .merge(feedback::routes())
        .merge(health::routes())
        .merge(updates::routes())
        .merge(session::routes())
        .merge(inbox::routes())
        .merge(insight::routes())
        .merge(audit::routes())
        .merge(people::routes())
        .merge(partners::routes())
        .merge(console::routes(&site_dir))
        .merge(embed::routes(&site_dir))
        .merge(site::routes(&site_dir))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(middleware::from_fn_with_state(state.clone(), shed::shed))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn_with_state(state.clone(), count))
        .with_state(state)
}

/// Counts every answer by route (the pattern, not the path, so ids and
/// file names do not multiply the series) and status.
async fn count(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let widget = request.uri().path().starts_with("/widget/");
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let response = next.run(request).await;
    let route = if widget { "/widget/*" } else { matched.as_ref().map_or("other", MatchedPath::as_str) };
    app.metrics.request(route, response.status().as_u16());
    response
}

/// A query string read as `T`, or a 400 with a JSON reason. (Axum's `Query`
/// extractor would answer in plain text.)
pub fn read_query<T: serde::de::DeserializeOwned>(raw: Option<&str>) -> Result<T, crate::error::Error> {
    serde_urlencoded::from_str(raw.unwrap_or_default()).map_err(|_| {
        crate::error::Error::bad("query", police_engage_contract::Code::Invalid, "the query string could not be read")
    })
}

/// The configured public URL, else this request's own scheme and host.
pub fn base_url(settings: &Settings, headers: &HeaderMap) -> String {
    if let Some(url) = &settings.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let host = header(header::HOST.as_str())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .map_or_else(|| settings.listen.to_string(), str::to_owned);
    let scheme = match header("x-forwarded-proto") {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}
