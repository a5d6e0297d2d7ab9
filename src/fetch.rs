//! Fetching the feed with the browser's `fetch`: a timeout, a size limit and
//! conditional requests, each failure turned into a [`FeedError`].

use std::cell::RefCell;

use gloo_timers::callback::Timeout;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestInit, RequestMode, Response};

use crate::feed::{FeedError, MAX_FEED_BYTES};

pub const TIMEOUT_MS: u32 = 10_000;

pub enum Fetched {
    /// A new body, and its `ETag` if the server let us read one.
    Body {
        text: String,
        etag: Option<String>,
    },
    NotModified,
}

/// GETs `url`. With an `etag` from an earlier answer it asks `If-None-Match`;
/// without one it leaves revalidation to the browser cache, because a
/// custom header makes a cross-origin request need a preflight that a
/// feed from an ordinary CMS may not answer.
pub async fn fetch_feed(url: &str, etag: Option<&str>) -> Result<Fetched, FeedError> {
    let controller = AbortController::new().map_err(|_| FeedError::Network)?;
    let abort = controller.clone();
    let _timer = Timeout::new(TIMEOUT_MS, move || abort.abort());
    let response = match take_early(url) {
        Some(early) => JsFuture::from(within_timeout(early)).await.and_then(|r| r.dyn_into()),
        None => send(url, etag, &controller).await,
    }
    .map_err(|_| failure(&controller))?;
    if response.status() == 304 {
        return Ok(Fetched::NotModified);
    }
    if !response.ok() {
        return Err(FeedError::Http(response.status()));
    }
    let headers = response.headers();
    let declared = header(&headers, "content-length").and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_FEED_BYTES) {
        return Err(FeedError::TooLarge);
    }
    let etag = header(&headers, "etag");
    let text = response.text().map_err(|_| FeedError::Network)?;
    let text = JsFuture::from(text).await.map_err(|_| failure(&controller))?;
    Ok(Fetched::Body { text: text.as_string().unwrap_or_default(), etag })
}

async fn send(url: &str, etag: Option<&str>, controller: &AbortController) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    let headers = Headers::new()?;
    headers.set("Accept", "application/feed+json, application/json")?;
    match etag {
        Some(tag) => {
            headers.set("If-None-Match", tag)?;
            init.set_cache(RequestCache::NoStore);
        }
        None => init.set_cache(RequestCache::NoCache),
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    JsFuture::from(window.fetch_with_request(&request)).await?.dyn_into()
}

thread_local! {
    /// Feed responses the loader started fetching before the wasm was ready, by URL.
    static EARLY: RefCell<Vec<(String, Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Offers the loader's early fetch of `url` to the widget's first load.
pub fn offer_early(url: &str, response: Promise) {
    EARLY.with(|e| e.borrow_mut().push((url.to_owned(), response)));
}

fn take_early(url: &str) -> Option<Promise> {
    EARLY.with(|e| {
        let mut early = e.borrow_mut();
        let at = early.iter().position(|(u, _)| u == url)?;
        Some(early.remove(at).1)
    })
}

/// The early fetch, given up after the same timeout as our own requests.
/// It rejects just after `fetch_feed`'s timer has aborted its controller
/// (timers with equal delays fire in the order they were set), so `failure`
/// tells a timeout from a network error the same way for both.
fn within_timeout(early: Promise) -> Promise {
    let timeout = Promise::new(&mut |_, reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, TIMEOUT_MS as i32);
        }
    });
    Promise::race(&js_sys::Array::of2(&early, &timeout))
}

/// A rejected fetch is our timeout if we aborted it, else the network.
fn failure(controller: &AbortController) -> FeedError {
    if controller.signal().aborted() {
        FeedError::Timeout
    } else {
        FeedError::Network
    }
}

fn header(headers: &Headers, name: &str) -> Option<String> {
    headers.get(name).ok().flatten()
}
