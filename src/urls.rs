//! Addresses as the host page sees them: its own (without the query or
//! fragment, which may hold personal data), and URLs resolved against it.

use wasm_bindgen::JsValue;
use web_sys::{Location, Url};

/// The host page's origin and path.
pub fn page_url() -> String {
    let location = web_sys::window().map(|w| w.location());
    let part =
        |f: fn(&Location) -> Result<String, JsValue>| location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default();
    format!("{}{}", part(Location::origin), part(Location::pathname))
}

/// `raw` made absolute against `base`, if it is an http(s) URL.
pub fn resolve(raw: &str, base: &str) -> Option<String> {
    let url = Url::new_with_base(raw.trim(), base).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// `raw` made absolute against the host page, if it is an http(s) URL.
pub fn resolve_on_page(raw: &str) -> Option<String> {
    resolve(raw, &web_sys::window()?.location().href().ok()?)
}

/// Where feedback goes: the element's `feedback` attribute (relative to the
/// page), else the feed's `_police.feedback_url` (relative to the feed).
pub fn feedback_endpoint(attribute: Option<&str>, from_feed: Option<&str>, src: Option<&str>) -> Option<String> {
    if let Some(url) = attribute {
        return resolve_on_page(url);
    }
    let feed = resolve_on_page(src?)?;
    resolve(from_feed?, &feed)
}
