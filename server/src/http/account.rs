//! Your account: what a signed-in person does to their own sign-in.
//! `POST /v1/me/password` (the current password asked again, counted by
//! the sign-in guard like any other guess; other sessions end) and
//! `POST /v1/me/sign-out-everywhere`. Both audited.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use police_engage_contract::{Action, Code, PasswordChange};

use super::actor::{Actor, Who};
use super::{no_store, AppState};
use crate::error::Error;
use crate::identity::{people, sessions, sign_in_guard};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me/password", post(change_password))
        .route("/v1/me/sign-out-everywhere", post(sign_out_everywhere))
}

async fn change_password(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    let Who::Person(account) = &actor.who else { return Err(Error::NotAllowed) };
    let PasswordChange { current, new } = crate::body::read(&body)?;
    let attempt = sign_in_guard::begin(&app.db, &account.email, actor.address).await?.map_err(Error::Locked)?;
    if !people::verify_password(&current, Some(&account.password_hash)).await {
        sign_in_guard::failed(attempt).await;
        return Err(Error::unprocessable("current", Code::Invalid, "Enter your current password."));
    }
    sign_in_guard::succeeded(&app.db, attempt).await?;
    people::check_password(&new).map_err(|e| Error::unprocessable("new", Code::Invalid, e.to_string()))?;
    let hash = people::hash_password(&new).await.map_err(Error::Internal)?;
    people::set_password(&app.db, &account.id, &hash, actor.session.as_deref()).await?;
    crate::audit::record(&app.db, &actor.by(), Action::PasswordChanged, Some(&account.email), None).await?;
    Ok(no_store(Json(actor.me())))
}

/// Every session of this person ends, this one too.
async fn sign_out_everywhere(State(app): State<AppState>, actor: Actor, headers: HeaderMap) -> Result<Response, Error> {
    let Who::Person(account) = &actor.who else { return Err(Error::NotAllowed) };
    let mut db = app.db.acquire().await?;
    sessions::end_all_but(&mut db, &account.id, None).await?;
    crate::audit::record(&app.db, &actor.by(), Action::SignedOutEverywhere, Some(&account.email), None).await?;
    Ok(super::session::signed_out(&app, &headers))
}
