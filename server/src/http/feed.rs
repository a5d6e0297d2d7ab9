//! `GET /v1/feed.json`: the updates as JSON Feed 1.1, paged, with ETags.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use police_engage_contract::{Category, Code, Lang};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use super::extract::read_query;
use super::{base_url, AppState};
use crate::config::Settings;
use crate::error::Error;
use crate::feed_cache::{FeedCache, Rendered};
use crate::json_feed;
use crate::paging::{self, Cursor};
use crate::stamp;
use crate::text::given;
use crate::updates::{self, Query as PageQuery};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 100;
/// Short, so an urgent appeal reaches a CDN-fronted page within a minute;
/// a cache may serve its copy while it revalidates, or while the server is down.
const FEED_CACHE: &str = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400";

pub const PATH: &str = "/v1/feed.json";

/// Any page may read the feed; it is public information. The CORS headers
/// are set directly rather than by `CorsLayer`, which cost the feed much of
/// its throughput (docs/performance.md) for a policy this simple.
const CORS: [(HeaderName, &str); 2] =
    [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"), (header::ACCESS_CONTROL_EXPOSE_HEADERS, "etag")];

pub fn routes() -> Router<AppState> {
    let [allow, expose] =
        CORS.map(|(name, value)| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)));
    Router::new().route(PATH, get(feed).options(preflight)).layer(allow).layer(expose)
}

/// A page of the feed already in the cache, answered before the router and
/// its layers with the headers they would give it: most of a surge's
/// requests cost no more than a static file's. `None` for anything else
/// (not a plain `GET` of the feed, a miss, a bad query, a forwarded scheme
/// from an untrusted peer, an `Accept-Encoding` naming neither coding the
/// page is kept in), which goes the long way.
pub fn from_cache<B>(
    settings: &Settings,
    cache: &FeedCache,
    request: &axum::http::Request<B>,
    peer: std::net::IpAddr,
) -> Option<Response> {
    if request.method() != Method::GET || request.uri().path() != PATH {
        return None;
    }
    let headers = request.headers();
    if headers.contains_key("x-forwarded-proto") && !crate::client_ip::is_trusted(peer, &settings.trusted_proxies) {
        return None;
    }
    let (key, ..) = page_key(&base_url(settings, headers), request.uri().query()).ok()?;
    let rendered = cache.cached(&key)?;
    let mut response = conditional(headers, rendered, json_feed::CONTENT_TYPE);
    let identity = response.status() == StatusCode::OK && !response.headers().contains_key(header::CONTENT_ENCODING);
    if identity && headers.get(header::ACCEPT_ENCODING).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    super::site_headers(settings, response.headers_mut(), &CORS);
    Some(response)
}

/// Lets a page send `If-None-Match`, so a poll of an unchanged feed is a 304.
async fn preflight() -> impl IntoResponse {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD"),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, "if-none-match, accept"),
            (header::ACCESS_CONTROL_MAX_AGE, "86400"),
        ],
    )
}

#[derive(Deserialize)]
pub struct Params {
    category: Option<String>,
    area: Option<String>,
    limit: Option<String>,
    before: Option<String>,
    lang: Option<String>,
}

async fn feed(State(app): State<AppState>, request: Request) -> Result<Response, Error> {
    let headers = request.headers();
    let base = base_url(&app.settings, headers);
    let rendered = page(&app, &base, request.uri().query()).await?;
    Ok(conditional(headers, rendered, json_feed::CONTENT_TYPE))
}

/// The longest query string the feed and the first view read: far more than
/// any real page asks for, so made-up parameters cannot make costly keys.
pub const QUERY_MAX: usize = 1024;

/// `raw` read as `T`, or a 400 when it is longer than [`QUERY_MAX`].
pub fn bounded_query<T: serde::de::DeserializeOwned>(raw: Option<&str>) -> Result<T, Error> {
    if raw.is_some_and(|q| q.len() > QUERY_MAX) {
        let message = format!("The query string must be {QUERY_MAX} bytes or fewer.");
        return Err(Error::bad("query", police_engage_contract::Code::TooLong, message));
    }
    read_query(raw)
}

/// The cache's key for the page a query string asks for, and the page's
/// query and language. Keyed by the page, not the query as sent: made-up
/// parameters cannot make the server render the same page again and again.
fn page_key(base: &str, raw_query: Option<&str>) -> Result<(String, PageQuery, Lang), Error> {
    let params: Params = bounded_query(raw_query)?;
    let query = page_query(&params)?;
    let lang = feed_lang(params.lang.as_deref())?;
    Ok((format!("{base}|{lang:?}|{query:?}"), query, lang))
}

/// The feed page a query string asks for: from the cache, else rendered now.
pub async fn page(app: &AppState, base: &str, raw_query: Option<&str>) -> Result<Rendered, Error> {
    let (key, query, lang) = page_key(base, raw_query)?;
    app.feed_cache
        .get_or_render(key, || async {
            let mut rows = updates::page(&app.db, &query).await?;
            let next =
                paging::one_page(&mut rows, query.limit, |u| Cursor { at: u.published_at.clone(), id: u.id.clone() });
            let next_url = next.map(|cursor| next_url(base, &query, lang, &cursor));
            let feed = json_feed::feed(&app.settings, base, lang, rows, next_url);
            Rendered::json(&feed)
        })
        .await
}

/// 304 when the client already holds this page, else 200 with it in the
/// best coding the client accepts.
pub fn conditional(request: &HeaderMap, rendered: Rendered, content_type: &'static str) -> Response {
    let text = |name| request.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let etag = rendered.etag().as_bytes();
    let fresh = text(header::IF_NONE_MATCH)
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/").as_bytes() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (body, coding) = rendered.encoded(text(header::ACCEPT_ENCODING).unwrap_or_default());
        let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
        if let Some(coding) = coding {
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(FEED_CACHE));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::ETAG, rendered.etag().clone());
    response
}

fn page_query(p: &Params) -> Result<PageQuery, Error> {
    let category = match given(p.category.as_deref()) {
        Some(c) => Some(Category::parse(c).ok_or_else(|| {
            Error::bad("category", Code::Invalid, format!("category must be one of {}", Category::names()))
        })?),
        None => None,
    };
    let limit = paging::limit(p.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    // A time alone is every update published before the end of that second.
    let before = paging::cursor("before", p.before.as_deref(), stamp::Secs, "\u{10FFFF}")?;
    let area = given(p.area.as_deref()).map(str::to_owned);
    Ok(PageQuery { category, area, limit, before })
}

/// `lang` from the query: English when absent.
pub fn feed_lang(raw: Option<&str>) -> Result<Lang, Error> {
    match given(raw) {
        None => Ok(Lang::En),
        Some(l) => Lang::parse(l)
            .ok_or_else(|| Error::bad("lang", Code::Invalid, format!("lang must be one of {}", Lang::names()))),
    }
}

fn next_url(base: &str, q: &PageQuery, lang: Lang, cursor: &Cursor) -> String {
    let mut pairs = vec![("limit", q.limit.to_string()), ("before", cursor.param())];
    pairs.extend(q.category.map(|c| ("category", c.name().to_owned())));
    pairs.extend(q.area.clone().map(|a| ("area", a)));
    pairs.extend((lang != Lang::En).then(|| ("lang", lang.name().to_owned())));
    paging::next_url(base, "/v1/feed.json", pairs)
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use clap::Parser;

    use super::*;

    const BASE: &str = "https://updates.force.example";
    const PROXY: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));

    /// A cache holding the page `limit=2` and what the fast path answers `request` from `peer` with.
    async fn answer(request: axum::http::request::Builder, peer: IpAddr) -> Option<Response> {
        let cli = crate::config::Cli::parse_from([
            "police-engage-server",
            "--public-url",
            BASE,
            "--trusted-proxy",
            "10.0.0.1",
        ]);
        let cache = FeedCache::default();
        let (key, ..) = page_key(BASE, Some("limit=2")).unwrap();
        cache.get_or_render(key, || async { Ok(Rendered::new(br#"{"items":[]}"#.repeat(40))) }).await.unwrap();
        from_cache(&cli.settings, &cache, &request.body(()).unwrap(), peer)
    }

    fn get(query: &str) -> axum::http::request::Builder {
        taking(query, "gzip, deflate, br")
    }

    fn taking(query: &str, codings: &str) -> axum::http::request::Builder {
        axum::http::Request::get(format!("{PATH}?{query}")).header(header::ACCEPT_ENCODING, codings)
    }

    #[tokio::test]
    async fn a_cached_page_is_answered_before_the_router() {
        let answered = answer(get("limit=2&made-up=1"), PROXY).await.expect("answered");
        assert_eq!(answered.status(), StatusCode::OK);
        assert_eq!(answered.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(answered.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
        let proxied = get("limit=2").header("x-forwarded-proto", "https");
        assert!(answer(proxied, PROXY).await.is_some(), "a trusted proxy's scheme");
        assert!(answer(taking("limit=2", ""), PROXY).await.is_some(), "no coding asked for, none given");
    }

    #[tokio::test]
    async fn anything_else_goes_the_long_way() {
        let stranger = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7));
        let long_way = [
            ("a miss", get("limit=3"), PROXY),
            ("HEAD", get("limit=2").method(Method::HEAD), PROXY),
            ("another path", axum::http::Request::get("/v1/first-view?limit=2"), PROXY),
            ("a bad query", get("limit=2&category=gossip"), PROXY),
            ("an oversized query", get(&format!("limit=2&x={}", "y".repeat(QUERY_MAX))), PROXY),
            ("deflate only", taking("limit=2", "deflate"), PROXY),
            ("any coding", taking("limit=2", "*"), PROXY),
            ("an untrusted proxy", get("limit=2").header("x-forwarded-proto", "https"), stranger),
        ];
        for (what, request, peer) in long_way {
            assert!(answer(request, peer).await.is_none(), "{what}");
        }
    }
}
