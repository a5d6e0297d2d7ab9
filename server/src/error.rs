//! One error type for every handler, answered as JSON with a fitting status.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use police_engage_contract::{Code, Problems};

/// What a client is told when the server is too busy to take its request.
pub const BUSY: &str = "The server is busy. Try again in a few seconds.";

pub use police_engage_contract::Problem;

/// The problems as one line, for the command line and logs.
pub fn describe(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; ")
}

#[derive(Debug)]
pub enum Error {
    /// 400: the request cannot be read, or a query parameter is wrong.
    BadRequest(Vec<Problem>),
    /// 422: the request was read but breaks the rules.
    Unprocessable(Vec<Problem>),
    PayloadTooLarge,
    /// The body did not arrive in the time allowed.
    TooSlow,
    UnsupportedMediaType,
    Unauthorized,
    /// A sign-in that failed: the same answer whatever was wrong.
    SignInFailed,
    /// Too many failed sign-ins: try again after this long.
    Locked(Duration),
    /// From an origin that may not do this.
    Forbidden(&'static str),
    /// The signed-in person's role may not do this.
    NotAllowed,
    /// Signed in with a password, and a second factor is to be set up first.
    SecondFactorRequired,
    /// A security code sent with no half sign-in, or after it expired.
    HalfSignInEnded,
    NotFound(&'static str),
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 409: the request clashes with what is stored (a taken id, origin or email).
    Conflict(Vec<Problem>),
    TooManyRequests(Duration),
    /// Too much under way: try again after this long.
    Busy(Duration),
    /// Anything the client cannot fix; details go to the log, not the client.
    Internal(anyhow::Error),
}

impl Error {
    pub fn bad(field: &str, code: Code, message: impl Into<String>) -> Error {
        Error::BadRequest(vec![Problem::new(field, code, message)])
    }

    /// 422: one rule broken.
    pub fn unprocessable(field: &str, code: Code, message: impl Into<String>) -> Error {
        Error::Unprocessable(vec![Problem::new(field, code, message)])
    }

    /// 409 with one problem, such as a value already taken.
    pub fn conflict(problem: Problem) -> Error {
        Error::Conflict(vec![problem])
    }

    /// A value already taken (`Code::Conflict` means that and only that).
    pub fn taken(field: &str, message: impl Into<String>) -> Error {
        Error::conflict(Problem::new(field, Code::Conflict, message))
    }
}

/// Whether a write failed on a unique key: two requests raced to take the
/// same id, origin or email, and this one came second.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(e.into())
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let one = |field: &str, code: Code, message: &str| vec![Problem::new(field, code, message)];
        let (status, problems, extra) = match self {
            Error::BadRequest(problems) => (StatusCode::BAD_REQUEST, problems, None),
            Error::Unprocessable(problems) => (StatusCode::UNPROCESSABLE_ENTITY, problems, None),
            Error::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, one("body", Code::TooLarge, "The request is too large."), None)
            }
            Error::TooSlow => (
                StatusCode::REQUEST_TIMEOUT,
                one("body", Code::Unreadable, "The request took too long to arrive."),
                Some((header::CONNECTION, HeaderValue::from_static("close"))),
            ),
            Error::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                one("body", Code::UnsupportedMediaType, "Send the body as application/json."),
                None,
            ),
            Error::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                one("authorization", Code::Unauthorized, "Sign in, or send a valid admin bearer token."),
                Some((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))),
            ),
            Error::SignInFailed => (
                StatusCode::UNAUTHORIZED,
                one("email", Code::Unauthorized, "Enter a correct email address and password."),
                None,
            ),
            Error::Locked(wait) => {
                let minutes = wait.as_secs().div_ceil(60).max(1);
                let message = format!("Too many failed sign-ins. Try again in {minutes} minutes.");
                let retry = HeaderValue::from(wait.as_secs().max(1));
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    one("email", Code::RateLimited, &message),
                    Some((header::RETRY_AFTER, retry)),
                )
            }
            Error::Forbidden(message) => (StatusCode::FORBIDDEN, one("origin", Code::Forbidden, message), None),
            Error::NotAllowed => {
                (StatusCode::FORBIDDEN, one("role", Code::Forbidden, "Your role does not allow this."), None)
            }
            Error::HalfSignInEnded => (
                StatusCode::UNAUTHORIZED,
                one(
                    "email",
                    Code::Unauthorized,
                    "Your sign-in timed out. Enter your email address and password again.",
                ),
                None,
            ),
            Error::SecondFactorRequired => (
                StatusCode::FORBIDDEN,
                one("second_factor", Code::Forbidden, "Set up a second factor on Your account first."),
                None,
            ),
            Error::NotFound(message) => (StatusCode::NOT_FOUND, one("id", Code::NotFound, message), None),
            Error::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                one("method", Code::Invalid, "This address does not answer that method."),
                None,
            ),
            Error::Conflict(problems) => (StatusCode::CONFLICT, problems, None),
            Error::TooManyRequests(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                one("body", Code::RateLimited, "Too many submissions. Please wait a minute and try again."),
                Some((header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)))),
            ),
            Error::Busy(wait) => (
                StatusCode::SERVICE_UNAVAILABLE,
                one("server", Code::Unavailable, BUSY),
                Some((header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)))),
            ),
            Error::Internal(error) => {
                tracing::error!(error = %error, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    one("server", Code::Internal, "Something went wrong on the server."),
                    None,
                )
            }
        };
        let mut response = (status, Json(Problems { errors: problems })).into_response();
        if let Some((name, value)) = extra {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
