//! The admin bearer token check.

use axum::http::{header, HeaderMap};
use subtle::ConstantTimeEq;

use super::AppState;
use crate::admin_token::hash;
use crate::error::Error;

/// Passes when `Authorization: Bearer <token>` matches the admin token.
/// Hashes are compared in constant time, so timing reveals nothing.
pub fn require_admin(app: &AppState, headers: &HeaderMap) -> Result<(), Error> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(Error::Unauthorized)?;
    let matches: bool = hash(given).as_bytes().ct_eq(app.admin_hash.as_bytes()).into();
    matches.then_some(()).ok_or(Error::Unauthorized)
}
