//! Who may use the admin API: a request carrying the admin bearer token.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use subtle::ConstantTimeEq;

use super::AppState;
use crate::admin_token::hash;
use crate::error::Error;

/// An extractor that passes only with `Authorization: Bearer <admin token>`.
/// Hashes are compared in constant time, so timing reveals nothing.
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Admin, Error> {
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(Error::Unauthorized)?;
        let matches: bool = hash(given).as_bytes().ct_eq(app.admin_hash.as_bytes()).into();
        matches.then_some(Admin).ok_or(Error::Unauthorized)
    }
}
