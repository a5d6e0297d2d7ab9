//! Your account: what a signed-in person does to their own sign-in. A
//! password change (other sessions end), Sign out everywhere, and their
//! second factors: an authenticator app with recovery codes, passkeys
//! (`passkeys`), each named and listed with when it was last used. Every
//! change asks for the current password again, counted by the sign-in guard
//! like any other guess, and is audited.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{
    length, Action, AuthenticatorConfirm, Code, FactorRename, PasswordChange, Reauth, FACTOR_NAME_MAX,
};

use super::actor::{Actor, Who};
use super::extract::Path;
use super::{no_store, AppState};
use crate::audit;
use crate::error::Error;
use crate::identity::people::{self, Account};
use crate::identity::{second_factors, sessions, sign_in_guard};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me/password", post(change_password))
        .route("/v1/me/sign-out-everywhere", post(sign_out_everywhere))
        .route("/v1/me/second-factors", get(list))
        .route("/v1/me/authenticator", post(start_authenticator))
        .route("/v1/me/authenticator/confirm", post(confirm_authenticator))
        .route("/v1/me/recovery-codes", post(new_recovery_codes))
        .route("/v1/me/second-factors/{id}/rename", post(rename))
        .route("/v1/me/second-factors/{id}/remove", post(remove))
}

/// The signed-in person (the token has no account).
pub fn account(actor: &Actor) -> Result<&Account, Error> {
    match &actor.who {
        Who::Person(account) => Ok(account),
        Who::Token => Err(Error::NotAllowed),
    }
}

/// The current password asked again before a change, in `field`.
pub async fn reauth(app: &AppState, actor: &Actor, password: &str, field: &str) -> Result<(), Error> {
    let account = account(actor)?;
    let attempt = sign_in_guard::begin(&app.db, &account.email, actor.address).await?.map_err(Error::Locked)?;
    if !people::verify_password(password, account.password()).await {
        sign_in_guard::failed(attempt).await;
        return Err(Error::unprocessable(field, Code::Invalid, "Enter your current password."));
    }
    sign_in_guard::succeeded(&app.db, attempt).await?;
    Ok(())
}

async fn change_password(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    let PasswordChange { current, new } = crate::body::read(&body)?;
    reauth(&app, &actor, &current, "current").await?;
    let account = account(&actor)?;
    people::check_password(&new).map_err(|e| Error::unprocessable("new", Code::Invalid, e.to_string()))?;
    let hash = people::hash_password(&new).await.map_err(Error::Internal)?;
    people::set_password(&app.db, &account.id, &hash, actor.session.as_deref()).await?;
    audit::record(&app.db, &actor.by(), Action::PasswordChanged, Some(&account.email), None).await?;
    Ok(no_store(Json(actor.me())))
}

/// Every session of this person ends, this one too.
async fn sign_out_everywhere(State(app): State<AppState>, actor: Actor, headers: HeaderMap) -> Result<Response, Error> {
    let account = account(&actor)?;
    let mut db = app.db.acquire().await?;
    sessions::end_all_but(&mut db, &account.id, None).await?;
    audit::record(&app.db, &actor.by(), Action::SignedOutEverywhere, Some(&account.email), None).await?;
    Ok(super::session::signed_out(&app, &headers))
}

async fn list(State(app): State<AppState>, actor: Actor) -> Result<Response, Error> {
    Ok(no_store(Json(second_factors::list(&app.db, &account(&actor)?.id).await?)))
}

/// A new key for an authenticator app, kept until a code confirms it.
async fn start_authenticator(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    let Reauth { password } = crate::body::read(&body)?;
    reauth(&app, &actor, &password, "password").await?;
    let account = account(&actor)?;
    let setup = second_factors::start_authenticator(&app.db, &account.id, &account.email, &app.settings.force_name)
        .await
        .map_err(Error::Internal)?;
    Ok(no_store(Json(setup)))
}

/// The app's first code proves it holds the key: it becomes the person's
/// authenticator, and ten recovery codes are shown, once.
async fn confirm_authenticator(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    let AuthenticatorConfirm { code } = crate::body::read(&body)?;
    let account = account(&actor)?;
    let attempt = sign_in_guard::begin(&app.db, &account.email, actor.address).await?.map_err(Error::Locked)?;
    let Some(codes) =
        second_factors::confirm_authenticator(&app.db, &account.id, &code).await.map_err(Error::Internal)?
    else {
        sign_in_guard::failed(attempt).await;
        return Err(Error::unprocessable("code", Code::Invalid, "Enter the 6-digit code your app shows now."));
    };
    sign_in_guard::succeeded(&app.db, attempt).await?;
    audit::record(&app.db, &actor.by(), Action::SecondFactorAdded, Some(&account.email), Some("authenticator")).await?;
    Ok(no_store(Json(codes)))
}

async fn new_recovery_codes(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    let Reauth { password } = crate::body::read(&body)?;
    reauth(&app, &actor, &password, "password").await?;
    let account = account(&actor)?;
    if account.factors == 0 {
        return Err(Error::unprocessable("password", Code::Invalid, "Set up a second factor first."));
    }
    let mut tx = crate::db::begin_write(&app.db).await?;
    let codes = second_factors::replace_recovery_codes(&mut tx, &account.id).await?;
    tx.commit().await?;
    audit::record(&app.db, &actor.by(), Action::RecoveryCodesMade, Some(&account.email), None).await?;
    Ok(no_store(Json(codes)))
}

async fn rename(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    let FactorRename { name, password } = crate::body::read(&body)?;
    let name = name.trim();
    if name.is_empty() || length(name) > FACTOR_NAME_MAX {
        let message = format!("Enter a name of 1 to {FACTOR_NAME_MAX} characters.");
        return Err(Error::unprocessable("name", Code::Invalid, message));
    }
    reauth(&app, &actor, &password, "password").await?;
    let account = account(&actor)?;
    if !second_factors::rename(&app.db, &account.id, &id, name).await? {
        return Err(Error::NotFound("You have no second factor with this id."));
    }
    audit::record(&app.db, &actor.by(), Action::SecondFactorRenamed, Some(&account.email), Some(name)).await?;
    list(State(app), actor).await
}

async fn remove(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    let Reauth { password } = crate::body::read(&body)?;
    reauth(&app, &actor, &password, "password").await?;
    let account = account(&actor)?;
    if !second_factors::remove(&app.db, &account.id, &id).await? {
        return Err(Error::NotFound("You have no second factor with this id."));
    }
    audit::record(&app.db, &actor.by(), Action::SecondFactorRemoved, Some(&account.email), None).await?;
    list(State(app), actor).await
}
