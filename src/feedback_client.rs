//! One attempt to POST feedback, and what the answer means for it.

use police_engage_contract::{Code, Field, FieldError, Submission};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, RequestMode, Response};

pub enum Outcome {
    /// Durably stored; the resident's reference.
    Sent(String),
    /// The server will never accept it as it is: what to fix.
    Rejected(Vec<FieldError>),
    /// Not stored yet (offline, 5xx, 429): try again, after this many seconds if given.
    Retry(Option<u32>),
}

use crate::json::{self, text, Json};
use crate::wire;

pub async fn post(url: &str, submission: &Submission) -> Outcome {
    let Ok(response) = send(url, submission).await else { return Outcome::Retry(None) };
    let status = response.status();
    match status {
        200..=299 => {
            Outcome::Sent(body(&response).await.and_then(|r| text(&r, "id").ok().flatten()).unwrap_or_default())
        }
        413 => Outcome::Rejected(vec![FieldError::new(Field::Message, Code::TooLong)]),
        429 | 503 => {
            Outcome::Retry(response.headers().get("retry-after").ok().flatten().and_then(|s| s.trim().parse().ok()))
        }
        400..=499 if status != 408 => Outcome::Rejected(problems(&response).await),
        _ => Outcome::Retry(None),
    }
}

/// The server's field errors; at least one, so a refusal is never silent.
async fn problems(response: &Response) -> Vec<FieldError> {
    let listed = body(response).await.and_then(|b| b.field("errors")).and_then(|e| e.items()).unwrap_or_default();
    let errors: Vec<FieldError> = listed
        .iter()
        .map(|p| {
            let code = text(p, "code").ok().flatten().as_deref().and_then(Code::parse).unwrap_or(Code::Invalid);
            FieldError::new(Field::named(&text(p, "field").ok().flatten().unwrap_or_default()), code)
        })
        .collect();
    if errors.is_empty() {
        vec![FieldError::new(Field::Body, Code::Invalid)]
    } else {
        errors
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
    init.set_body(&wire::to_json(submission).ok_or(JsValue::NULL)?.into());
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    JsFuture::from(window.fetch_with_request(&request)).await?.dyn_into()
}

/// The answer's JSON, unless it nests deeper than any real answer (see `feed::MAX_DEPTH`).
async fn body(response: &Response) -> Option<json::Value> {
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    if crate::feed::depth(&text) > crate::feed::MAX_DEPTH {
        return None;
    }
    json::parse(&text)
}
