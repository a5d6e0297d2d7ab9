//! `GET /v1/feed.json`: the updates as JSON Feed 1.1, paged, with ETags.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use super::{base_url, AppState};
use crate::error::Error;
use crate::feed_cache::Rendered;
use crate::json_feed::{self, FeedPolice, Force};
use crate::publish::CATEGORIES;
use crate::stamp;
use crate::updates::{self, Query as PageQuery};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 100;
/// Short, so an urgent appeal reaches a CDN-fronted page within a minute.
const FEED_CACHE: &str = "public, max-age=60";

/// Any page may read the feed; it is public information. The CORS headers
/// are set directly rather than by `CorsLayer`, which cost a fifth of the
/// feed's throughput (bench/feed-vs-nginx.sh) for a policy this simple.
pub fn routes() -> Router<AppState> {
    let any = |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    Router::new()
        .route("/v1/feed.json", get(feed).options(preflight))
        .layer(any(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .layer(any(header::ACCESS_CONTROL_EXPOSE_HEADERS, "etag"))
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
}

async fn feed(State(app): State<AppState>, request: Request) -> Result<Response, Error> {
    let headers = request.headers();
    let base = base_url(&app.settings, headers);
    let raw_query = request.uri().query().unwrap_or_default();
    let params: Params = serde_urlencoded::from_str(raw_query)
        .map_err(|_| Error::bad("query", "invalid", "the query string could not be read"))?;
    let query = page_query(&params)?;
    // Keyed by the page, not the query as sent: made-up parameters cannot
    // make the server render the same page again and again.
    let key = format!("{base}|{query:?}");
    if let Some(rendered) = app.feed_cache.get(&key) {
        return Ok(conditional(headers, rendered));
    }
    let _turn = app.feed_cache.render_turn().await;
    if let Some(rendered) = app.feed_cache.get(&key) {
        return Ok(conditional(headers, rendered));
    }
    let generation = updates::generation();
    let mut rows = updates::page(&app.db, &query).await?;
    let next_url = (rows.len() > query.limit as usize).then(|| {
        rows.truncate(query.limit as usize);
        let last = rows.last().expect("a full page has a last row");
        next_url(&base, &query, &format!("{},{}", last.published_at, last.id))
    });
    let feed = json_feed::Feed {
        version: json_feed::VERSION,
        title: format!("{}: latest updates", app.settings.force_name),
        home_page_url: app.settings.force_url.clone(),
        feed_url: format!("{base}/v1/feed.json"),
        next_url,
        language: "en-GB",
        items: rows.into_iter().map(|u| json_feed::item(u, &base)).collect(),
        police: FeedPolice {
            force: Force {
                id: slug(&app.settings.force_name),
                name: app.settings.force_name.clone(),
                url: app.settings.force_url.clone(),
            },
            feedback_url: format!("{base}/v1/feedback"),
        },
    };
    let body = serde_json::to_vec(&feed).map_err(|e| Error::Internal(e.into()))?;
    let rendered = Rendered::new(body);
    app.feed_cache.put(key, generation, rendered.clone());
    Ok(conditional(headers, rendered))
}

/// 304 when the client already holds this page, else 200 with it in the
/// best coding the client accepts.
fn conditional(request: &HeaderMap, rendered: Rendered) -> Response {
    let text = |name| request.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let etag = rendered.etag.as_bytes();
    let fresh = text(header::IF_NONE_MATCH)
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/").as_bytes() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (body, coding) = rendered.encoded(text(header::ACCEPT_ENCODING).unwrap_or_default());
        let mut response = ([(header::CONTENT_TYPE, json_feed::CONTENT_TYPE)], body).into_response();
        if let Some(coding) = coding {
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(FEED_CACHE));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::ETAG, rendered.etag);
    response
}

fn page_query(p: &Params) -> Result<PageQuery, Error> {
    let bad = |field, message: &str| Error::bad(field, "invalid", message);
    let category = match p.category.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) if CATEGORIES.contains(&c) => Some(c.to_owned()),
        Some(_) => return Err(bad("category", "category must be one of news, appeal, warning, success, event")),
        None => None,
    };
    let limit = match p.limit.as_deref() {
        None | Some("") => DEFAULT_LIMIT,
        Some(l) => l
            .parse()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| bad("limit", "limit must be a whole number from 1 to 100"))?,
    };
    let before = match p.before.as_deref().filter(|b| !b.is_empty()) {
        None => None,
        Some(b) => Some(parse_cursor(b).ok_or_else(|| {
            bad("before", "before must be a date-time such as 2026-11-24T09:30:00Z, optionally followed by ,ID")
        })?),
    };
    let area = p.area.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned);
    Ok(PageQuery { category, area, limit, before })
}

/// `TIME` or `TIME,ID`: updates after that one in feed order.
fn parse_cursor(cursor: &str) -> Option<(String, String)> {
    let (at, id) = cursor.split_once(',').unwrap_or((cursor, "\u{10FFFF}"));
    Some((stamp::normalise(at, stamp::Secs)?, id.to_owned()))
}

fn next_url(base: &str, q: &PageQuery, cursor: &str) -> String {
    let mut pairs = vec![("limit", q.limit.to_string()), ("before", cursor.to_owned())];
    pairs.extend(q.category.clone().map(|c| ("category", c)));
    pairs.extend(q.area.clone().map(|a| ("area", a)));
    let query = serde_urlencoded::to_string(pairs).expect("strings always encode");
    format!("{base}/v1/feed.json?{query}")
}

fn slug(name: &str) -> String {
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors() {
        assert_eq!(parse_cursor("2026-11-24T10:30:00+01:00,abc"), Some(("2026-11-24T09:30:00Z".into(), "abc".into())));
        assert_eq!(parse_cursor("yesterday"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Glanyrafon Police"), "glanyrafon-police");
        assert_eq!(slug("Heddlu Dyfed-Powys"), "heddlu-dyfed-powys");
    }
}
