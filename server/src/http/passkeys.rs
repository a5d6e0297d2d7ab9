//! Passkeys over HTTP: `POST /v1/me/passkeys/start` and `/finish` to add one
//! (the current password asked again), `POST /v1/session/passkey/start` and
//! `/finish` to sign in with one alone.

use std::net::SocketAddr;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap};
use axum::response::{AppendHeaders, Response};
use axum::routing::post;
use axum::{Json, Router};
use police_engage_contract::{
    length, Action, Code, PasskeyFinish, PasskeyStart, Reauth, SignInMethod, SignInStep, FACTOR_NAME_MAX,
};
use webauthn_rs::Webauthn;

use super::account::{account, reauth};
use super::actor::{self, Actor};
use super::gate::Pool;
use super::{base_url, no_store, AppState};
use crate::audit::{self, By};
use crate::client_ip;
use crate::error::Error;
use crate::identity::passkeys::{self, PasskeyError};
use crate::identity::{people, second_factors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me/passkeys/start", post(start_adding))
        .route("/v1/me/passkeys/finish", post(finish_adding))
        .route("/v1/session/passkey/start", post(start_sign_in))
        .route("/v1/session/passkey/finish", post(finish_sign_in))
}

/// A passkey's answer, with room to spare.
const PASSKEY_BODY_LIMIT: usize = 32 * 1024;
/// What a new passkey is called unless named.
const PASSKEY_NAME: &str = "Passkey";

fn relying_party(app: &AppState, headers: &HeaderMap) -> Result<Webauthn, Error> {
    passkeys::relying_party(&base_url(&app.settings, headers), &app.settings.force_name).map_err(Error::Internal)
}

fn refused(error: PasskeyError, field: &str) -> Error {
    match error {
        PasskeyError::Database(e) => e.into(),
        PasskeyError::Busy => Error::Busy(std::time::Duration::from_secs(60)),
        PasskeyError::Taken => Error::taken(field, error.to_string()),
        PasskeyError::Expired | PasskeyError::Refused => Error::unprocessable(field, Code::Invalid, error.to_string()),
    }
}

async fn start_adding(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Error> {
    let Reauth { password } = crate::body::read(&body)?;
    reauth(&app, &actor, &password, "password").await?;
    let rp = relying_party(&app, &headers)?;
    let asker = client_ip::group(actor.address);
    let (options, ceremony) =
        passkeys::start_registration(&app.db, &rp, account(&actor)?, &asker).await.map_err(Error::Internal)?;
    Ok(no_store(Json(PasskeyStart { ceremony, options })))
}

async fn finish_adding(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Error> {
    let PasskeyFinish { ceremony, credential, name } = crate::body::read(&body)?;
    let name = name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(PASSKEY_NAME);
    if length(name) > FACTOR_NAME_MAX {
        let message = format!("Enter a name of 1 to {FACTOR_NAME_MAX} characters.");
        return Err(Error::unprocessable("name", Code::Invalid, message));
    }
    let account = account(&actor)?;
    let rp = relying_party(&app, &headers)?;
    passkeys::finish_registration(&app.db, &rp, account, &ceremony, &credential, name)
        .await
        .map_err(|e| refused(e, "passkey"))?;
    audit::record(&app.db, &actor.by(), Action::SecondFactorAdded, Some(&account.email), Some("passkey")).await?;
    Ok(no_store(Json(second_factors::list(&app.db, &account.id).await?)))
}

async fn start_sign_in(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    actor::same_origin(&app, &headers)?;
    let _permit = app.gate.permit(Pool::Anonymous)?;
    let rp = relying_party(&app, &headers)?;
    let asker = client_ip::group(client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies));
    let (options, ceremony) = passkeys::start_sign_in(&app.db, &rp, &asker).await.map_err(|e| refused(e, "passkey"))?;
    Ok(no_store(Json(PasskeyStart { ceremony, options })))
}

/// A passkey cannot be guessed, so failures are not counted against an
/// account (which would let anyone lock it); one that answered a ceremony
/// begun here (bounded per client) is audited, anything else only refused.
async fn finish_sign_in(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    let (address, PasskeyFinish { ceremony, credential, .. }) =
        super::session::step(&app, peer, &headers, body, PASSKEY_BODY_LIMIT).await?;
    let _permit = app.gate.permit(Pool::Anonymous)?;
    let rp = relying_party(&app, &headers)?;
    let refused = || Error::unprocessable("passkey", Code::Invalid, "This passkey was not accepted.");
    let account = match passkeys::finish_sign_in(&app.db, &rp, &ceremony, &credential).await {
        Ok(person) => people::by_id(&app.db, &person).await?.filter(|a| a.disabled_at.is_none()),
        Err(PasskeyError::Database(e)) => return Err(e.into()),
        Err(PasskeyError::Expired) => return Err(refused()),
        Err(_) => None,
    };
    let Some(account) = account else {
        let by = By { name: audit::UNKNOWN, address: Some(address) };
        audit::record(&app.db, &by, Action::SignInFailed, None, Some("passkey")).await?;
        return Err(refused());
    };
    let (cookie, me) = super::session::start_session(&app, &headers, account, address, SignInMethod::Passkey).await?;
    Ok(no_store((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(SignInStep::SignedIn(me)))))
}
