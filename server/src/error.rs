//! One error type for every handler, answered as JSON with a fitting status.

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;

/// One thing wrong with a request: which field, a stable code, plain words.
#[derive(Debug, Serialize, PartialEq)]
pub struct Problem {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Problem {
        Problem { field: field.into(), code: code.into(), message: message.into() }
    }
}

#[derive(Debug)]
pub enum Error {
    /// 400: the request cannot be read, or a query parameter is wrong.
    BadRequest(Vec<Problem>),
    /// 422: the request was read but breaks the rules.
    Unprocessable(Vec<Problem>),
    PayloadTooLarge,
    UnsupportedMediaType,
    Unauthorized,
    Forbidden(&'static str),
    NotFound(&'static str),
    Conflict(&'static str),
    TooManyRequests(Duration),
    /// Anything the client cannot fix; details go to the log, not the client.
    Internal(anyhow::Error),
}

impl Error {
    pub fn bad(field: &str, code: &str, message: impl Into<String>) -> Error {
        Error::BadRequest(vec![Problem::new(field, code, message)])
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(e.into())
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let one = |field: &str, code: &str, message: &str| vec![Problem::new(field, code, message)];
        let (status, problems) = match self {
            Error::BadRequest(problems) => (StatusCode::BAD_REQUEST, problems),
            Error::Unprocessable(problems) => (StatusCode::UNPROCESSABLE_ENTITY, problems),
            Error::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, one("body", "too_large", "The request is too large."))
            }
            Error::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                one("body", "unsupported_media_type", "Send the body as application/json."),
            ),
            Error::Unauthorized => {
                let body = json!({ "errors": one("authorization", "unauthorized", "A valid admin bearer token is required.") });
                return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], Json(body)).into_response();
            }
            Error::Forbidden(message) => (StatusCode::FORBIDDEN, one("origin", "forbidden", message)),
            Error::NotFound(message) => (StatusCode::NOT_FOUND, one("id", "not_found", message)),
            Error::Conflict(message) => (StatusCode::CONFLICT, one("id", "conflict", message)),
            Error::TooManyRequests(wait) => {
                let secs = wait.as_secs().max(1).to_string();
                let body = json!({ "errors": one("body", "rate_limited", "Too many submissions. Please wait a minute and try again.") });
                return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, secs)], Json(body)).into_response();
            }
            Error::Internal(error) => {
                tracing::error!(error = %error, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, one("server", "internal", "Something went wrong on the server."))
            }
        };
        (status, Json(json!({ "errors": problems }))).into_response()
    }
}
