//! The HTTP surface: one module per resource, assembled here.

mod account;
mod actor;
mod alerts;
mod audit;
mod console;
mod embed;
mod extract;
mod feed;
pub mod feedback;
mod first_view;
mod gate;
mod health;
mod inbox;
mod insight;
mod partners;
mod passkeys;
mod people;
mod provider;
mod session;
mod site;
mod updates;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::db::Db;
use crate::feedback::rate_limit::RateLimiter;
use crate::import::Source;
use crate::metrics::Metrics;

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
    pub lifetimes: crate::identity::sessions::Lifetimes,
    pub insight_cache: crate::feedback::insight::InsightCache,
    pub gate: gate::Gate,
    /// The force's identity provider, when one is configured.
    pub provider: Option<crate::identity::provider::Provider>,
    /// How mail is sent, when it is (`--smtp-url`).
    pub mail: Option<Arc<crate::mail::Mail>>,
    /// Alerts to residents, when mail is sent.
    pub fanout: Option<Arc<crate::alerts::fan_out::Fanout>>,
    /// Alert sign-ups per client.
    pub alerts_limiter: RateLimiter,
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

pub use gate::Gate;
pub use health::internal_router;

/// Headers every answer carries: no guessing of types, no full addresses
/// sent to other sites.
const SITE_HEADERS: [(HeaderName, &str); 2] =
    [(header::X_CONTENT_TYPE_OPTIONS, "nosniff"), (header::REFERRER_POLICY, "strict-origin-when-cross-origin")];
/// Browsers that have once reached the https address never try plain http again.
const HSTS: (HeaderName, &str) = (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");

fn https(settings: &Settings) -> bool {
    settings.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
}

fn set_header((name, value): (HeaderName, &'static str)) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// What the router's outer layers and `extra` add, for an answer given
/// without them (see [`front`]).
fn site_headers(settings: &Settings, headers: &mut HeaderMap, extra: &[(HeaderName, &'static str)]) {
    let hsts = https(settings).then_some(&HSTS);
    for (name, value) in extra.iter().chain(&SITE_HEADERS).chain(hsts) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

pub fn router(state: AppState) -> Router {
    let site_dir = state.settings.site_dir.clone();
    let [nosniff, referrer] = SITE_HEADERS.map(set_header);
    let routes = Router::new()
        .merge(feed::routes())
        .merge(first_view::routes())
        .merge(feedback::routes())
        .merge(health::routes())
        .merge(updates::routes())
        .merge(session::routes())
        .merge(provider::routes())
        .merge(passkeys::routes())
        .merge(alerts::routes())
        .merge(account::routes())
        .merge(inbox::routes())
        .merge(insight::routes())
        .merge(audit::routes())
        .merge(people::routes())
        .merge(partners::routes())
        .merge(console::routes(&site_dir))
        .merge(embed::routes(&state.settings))
        .merge(site::routes(&site_dir))
        .method_not_allowed_fallback(|| async { crate::error::Error::MethodNotAllowed })
        .layer(CompressionLayer::new())
        .layer(nosniff)
        .layer(referrer)
        .layer(middleware::from_fn_with_state(state.clone(), gate::gate))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn_with_state(state.clone(), count))
        .layer(middleware::from_fn_with_state(state.clone(), forwarded_only_by_proxies));
    let routes = if https(&state.settings) { routes.layer(set_header(HSTS)) } else { routes };
    routes.with_state(state)
}

/// Answers from before the router, for [`crate::connections::serve`]: a
/// cached feed page, counted as the router would count it. Not traced: a
/// log line per cached poll is what the fast path exists to avoid.
pub fn front(state: AppState) -> crate::connections::Front {
    Arc::new(move |request, peer| {
        let response = feed::from_cache(&state.settings, &state.feed_cache, request, peer)?;
        state.metrics.request(feed::PATH, response.status().as_u16());
        Some(response)
    })
}

/// `X-Forwarded-Proto` says whether the public address is https: believed
/// only from a proxy the operator trusts, dropped from anyone else.
async fn forwarded_only_by_proxies(State(app): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    if !peer.is_some_and(|ip| crate::client_ip::is_trusted(ip, &app.settings.trusted_proxies)) {
        request.headers_mut().remove("x-forwarded-proto");
    }
    next.run(request).await
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

/// For answers only this caller may read, never kept by a cache.
pub fn no_store(body: impl IntoResponse) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// A CSV download, never kept by a cache.
pub fn csv_file(name: &str, csv: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    (headers, csv).into_response()
}
