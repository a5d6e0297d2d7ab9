//! One attempt to POST feedback, and what the answer means for it.

use police_engage_contract::{Code, FieldError, Submission};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, RequestMode, Response, Url};

pub enum Outcome {
    /// Durably stored; the resident's reference.
    Sent(String),
    /// The server will never accept it as it is: what to fix.
    Rejected(Vec<FieldError>),
    /// Not stored yet (offline, 5xx, 429): try again, after this many seconds if given.
    Retry(Option<u32>),
}

#[derive(Deserialize)]
struct Receipt {
    id: String,
}

#[derive(Deserialize)]
struct Problems {
    errors: Vec<Problem>,
}

#[derive(Deserialize)]
struct Problem {
    field: Option<String>,
    code: Option<String>,
}

pub async fn post(url: &str, submission: &Submission) -> Outcome {
    let Ok(response) = send(url, submission).await else { return Outcome::Retry(None) };
    let status = response.status();
    match status {
        200..=299 => Outcome::Sent(body::<Receipt>(&response).await.map(|r| r.id).unwrap_or_default()),
        413 => Outcome::Rejected(vec![FieldError::new("message", Code::TooLong)]),
        429 => Outcome::Retry(response.headers().get("retry-after").ok().flatten().and_then(|s| s.trim().parse().ok())),
        400..=499 if status != 408 => {
            let errors: Vec<FieldError> = body::<Problems>(&response)
                .await
                .map(|p| p.errors)
                .unwrap_or_default()
                .into_iter()
                .map(|p| {
                    let code = p.code.as_deref().and_then(Code::parse).unwrap_or(Code::Invalid);
                    FieldError::new(p.field.as_deref().unwrap_or("body"), code)
                })
                .collect();
            Outcome::Rejected(if errors.is_empty() { vec![FieldError::new("body", Code::Invalid)] } else { errors })
        }
        _ => Outcome::Retry(None),
    }
}

async fn send(url: &str, submission: &Submission) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    init.set_headers(&headers);
    let value = serde_wasm_bindgen::to_value(submission).map_err(|_| JsValue::NULL)?;
    init.set_body(&js_sys::JSON::stringify(&value)?.into());
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    JsFuture::from(window.fetch_with_request(&request)).await?.dyn_into()
}

/// The answer's JSON, unless it nests deeper than any real answer (see `feed::MAX_DEPTH`).
async fn body<T: for<'de> Deserialize<'de>>(response: &Response) -> Option<T> {
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    if crate::feed::depth(&text) > crate::feed::MAX_DEPTH {
        return None;
    }
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(&text).ok()?).ok()
}

/// `raw` made absolute against `base`, if it is an http(s) URL.
pub fn resolve(raw: &str, base: &str) -> Option<String> {
    let url = Url::new_with_base(raw.trim(), base).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// Where feedback goes: the element's `feedback` attribute (relative to the
/// page), else the feed's `_police.feedback_url` (relative to the feed).
pub fn endpoint(attribute: Option<&str>, from_feed: Option<&str>, src: Option<&str>) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    if let Some(url) = attribute {
        return resolve(url, &page);
    }
    let feed = resolve(src?, &page)?;
    resolve(from_feed?, &feed)
}

/// `raw` made absolute against the host page, if it is an http(s) URL.
pub fn resolve_on_page(raw: &str) -> Option<String> {
    resolve(raw, &web_sys::window()?.location().href().ok()?)
}

/// The host page's address without query or fragment, which may hold personal data.
pub fn page_url() -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    format!("{}{}", part(web_sys::Location::origin), part(web_sys::Location::pathname))
}

/// A fresh idempotency key: 128 random bits as hex (works on plain http pages,
/// where `crypto.randomUUID` does not).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 16] {
        let fallback = js_sys::Math::random().to_bits() ^ (js_sys::Date::now() as u64);
        bytes[..8].copy_from_slice(&fallback.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
