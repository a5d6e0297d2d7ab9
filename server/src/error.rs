//! One error type for every handler, answered as JSON with a fitting status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub enum Error {
    /// The request is wrong: the field and a plain reason.
    BadRequest {
        field: &'static str,
        code: &'static str,
        message: String,
    },
    /// Anything the client cannot fix; details go to the log, not the client.
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(e.into())
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::BadRequest {
                field,
                code,
                message,
            } => (
                StatusCode::BAD_REQUEST,
                Json(json!({ "errors": [{ "field": field, "code": code, "message": message }] })),
            )
                .into_response(),
            Error::Internal(error) => {
                tracing::error!(error = %error, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "errors": [{ "code": "internal", "message": "Something went wrong on the server." }] })),
                )
                    .into_response()
            }
        }
    }
}
