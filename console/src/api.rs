//! Talking to the server: JSON over fetch, same origin, the session in its
//! cookie (the browser sends it and the `Origin`; the console never sees
//! either). Every failure becomes an [`ApiError`] the pages can word.

use gloo_net::http::{Request, RequestBuilder, Response};
use police_engage_contract::{Problem, Problems};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No session, or it has ended: sign in again.
    SignedOut,
    /// The role does not allow it.
    NotAllowed,
    NotFound,
    /// Refused, with what to fix; for 429, how many seconds to wait.
    Refused {
        problems: Vec<Problem>,
        retry_after: Option<u64>,
    },
    /// No answer, or one that was not understood.
    Network,
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    answer(Request::get(path).send().await).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Request::post(path), body).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Request::put(path), body).await
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Request::patch(path), body).await
}

/// POSTs `body` and keeps the answer's text as it came (a feed, to hand on).
pub async fn post_for_text<B: Serialize>(path: &str, body: &B) -> Result<String, ApiError> {
    let request = Request::post(path).json(body).map_err(|_| ApiError::Network)?;
    let response = checked(request.send().await).await?;
    response.text().await.map_err(|_| ApiError::Network)
}

pub async fn delete(path: &str) -> Result<(), ApiError> {
    checked(Request::delete(path).send().await).await.map(|_| ())
}

async fn send<B: Serialize, T: DeserializeOwned>(request: RequestBuilder, body: &B) -> Result<T, ApiError> {
    let request = request.json(body).map_err(|_| ApiError::Network)?;
    answer(request.send().await).await
}

async fn answer<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    checked(response).await?.json().await.map_err(|_| ApiError::Network)
}

/// A successful answer, or what went wrong.
async fn checked(response: Result<Response, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = response.map_err(|_| ApiError::Network)?;
    match response.status() {
        200..=299 => Ok(response),
        401 => Err(ApiError::SignedOut),
        403 => Err(ApiError::NotAllowed),
        404 => Err(ApiError::NotFound),
        400..=499 => {
            let retry_after = response.headers().get("retry-after").and_then(|s| s.trim().parse().ok());
            let problems = response.json::<Problems>().await.map(|p| p.errors).unwrap_or_default();
            Err(ApiError::Refused { problems, retry_after })
        }
        _ => Err(ApiError::Network),
    }
}

/// `path?query`, the query made from a serialisable value.
pub fn with_query<Q: Serialize>(path: &str, query: &Q) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_owned(),
    }
}
