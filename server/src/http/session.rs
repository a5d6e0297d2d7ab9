//! Signing in and out of the console: `POST`/`DELETE /v1/session`, the
//! security code after a password, `GET /v1/me`.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{
    Action, Code, Me, SecurityCode, SignIn, SignInMethod, SignInOptions, SignInStep, SignedOut, EMAIL_MAX,
};

use super::actor::{self, Actor, Cookie};
use super::gate::Pool;
use super::{no_store, AppState};
use crate::audit::{self, By};
use crate::error::Error;
use crate::identity::half_sign_ins::{self, LIFETIME};
use crate::identity::people::{self, Account};
use crate::identity::second_factors::{self, Used};
use crate::identity::{sessions, sign_in_guard};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/session", post(sign_in).delete(sign_out))
        .route("/v1/session/security-code", post(security_code))
        .route("/v1/session/options", get(options))
        .route("/v1/me", get(me))
}

/// What the sign-in page offers besides a password.
async fn options(State(app): State<AppState>) -> Json<SignInOptions> {
    Json(SignInOptions { provider: app.provider.as_ref().map(|p| p.name.clone()) })
}

/// An email and a password with room to spare.
const SIGN_IN_BODY_LIMIT: usize = 8 * 1024;

/// A step of signing in, sent by anyone: refused from another origin, its
/// body read (within `limit`) before any permit is taken; who sent it, and what.
pub async fn step<T: for<'de> serde::Deserialize<'de>>(
    app: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<(IpAddr, T), Error> {
    actor::same_origin(app, headers)?;
    let address = crate::client_ip::client(peer.ip(), headers, &app.settings.trusted_proxies);
    Ok((address, crate::body::read(&crate::body::bytes(body, limit).await?)?))
}

/// One answer for an unknown email, a wrong password and a disabled
/// account, slowed a little more with each failure; refused for a while
/// after too many (with the right password too), and from another origin.
/// The origin is checked and the body read before a permit is taken. A
/// right password from a person with a second factor starts a half sign-in,
/// not a session: the factor is asked for next.
async fn sign_in(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    let (address, SignIn { email, password }) = step(&app, peer, &headers, body, SIGN_IN_BODY_LIMIT).await?;
    let permit = app.gate.permit(Pool::Anonymous)?;
    let email: String = people::normal_email(&email).chars().take(EMAIL_MAX).collect();
    let attempt = sign_in_guard::begin(&app.db, &email, address).await?.map_err(Error::Locked)?;
    let account = people::by_email(&app.db, &email).await?.filter(|a| a.disabled_at.is_none());
    let matches = people::verify_password(&password, account.as_ref().and_then(Account::password)).await;
    let known = account.is_some();
    let Some(account) = account.filter(|_| matches) else {
        let tried = audit::tried_as(&email, known);
        audit::record(&app.db, &By { name: &tried, address: Some(address) }, Action::SignInFailed, None, None).await?;
        // The slowing holds the guesser, not a permit.
        drop(permit);
        sign_in_guard::failed(attempt).await;
        return Err(Error::SignInFailed);
    };
    if account.factors > 0 {
        // Not signed in yet: the client is not known to the account until the factor.
        sign_in_guard::password_right(&app.db, &attempt).await?;
        let (code, passkey) = second_factors::ways(&app.db, &account.id).await?;
        let half = half_sign_ins::start(&app.db, &account.id).await?;
        let cookie = actor::cookie_header(actor::is_secure(&app, &headers), HALF, Some(&half), LIFETIME.as_secs());
        return Ok(no_store(([(header::SET_COOKIE, cookie)], Json(SignInStep::SecondFactor { code, passkey }))));
    }
    sign_in_guard::succeeded(&app.db, attempt).await?;
    let (cookie, me) = start_session(&app, &headers, account, address, SignInMethod::Password).await?;
    Ok(no_store((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(SignInStep::SignedIn(me)))))
}

/// The half sign-in's cookie, sent only to the sign-in routes.
const HALF: Cookie = Cookie { name: half_sign_ins::COOKIE, path: "/v1/session", same_site: "Strict" };

/// A security code after a right password: from the authenticator app, or
/// a recovery code (which then works no more). Wrong codes are counted by
/// the sign-in guard as wrong passwords are, and against the account's
/// codes whatever the client; three end the half sign-in.
async fn security_code(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    let (address, SecurityCode { code }) = step(&app, peer, &headers, body, SIGN_IN_BODY_LIMIT).await?;
    let permit = app.gate.permit(Pool::Anonymous)?;
    let half = actor::cookie(&headers, half_sign_ins::COOKIE).ok_or(Error::HalfSignInEnded)?;
    let person = half_sign_ins::find(&app.db, &half).await?.ok_or(Error::HalfSignInEnded)?;
    let account = people::by_id(&app.db, &person).await?.filter(|a| a.disabled_at.is_none());
    let account = account.ok_or(Error::HalfSignInEnded)?;
    let attempt = sign_in_guard::begin_code(&app.db, &account.email, address).await?.map_err(Error::Locked)?;
    let by = By { name: &account.email, address: Some(address) };
    let code: String = code.chars().take(SECURITY_CODE_MAX).collect();
    let Some(used) = second_factors::use_code(&app.db, &account.id, &code).await? else {
        audit::record(&app.db, &by, Action::SignInFailed, None, Some("security code")).await?;
        half_sign_ins::failed(&app.db, &half).await?;
        drop(permit);
        sign_in_guard::failed(attempt).await;
        return Err(Error::unprocessable("code", Code::Invalid, "Enter a correct security code."));
    };
    sign_in_guard::code_succeeded(&app.db, attempt).await?;
    half_sign_ins::end(&app.db, &half).await?;
    if used == Used::RecoveryCode {
        audit::record(&app.db, &by, Action::RecoveryCodeUsed, Some(&account.email), None).await?;
    }
    let ended = actor::cookie_header(actor::is_secure(&app, &headers), HALF, None, 0);
    let (cookie, me) = start_session(&app, &headers, account, address, SignInMethod::Password).await?;
    let cookies = AppendHeaders([(header::SET_COOKIE, cookie), (header::SET_COOKIE, ended)]);
    Ok(no_store((cookies, Json(SignInStep::SignedIn(me)))))
}

/// Longer than any code or recovery code, typed with spaces.
const SECURITY_CODE_MAX: usize = 32;

/// Signs `account` in: a session and the audit entry; the session's
/// cookie and who they are, for the answer.
pub async fn start_session(
    app: &AppState,
    headers: &HeaderMap,
    account: Account,
    address: IpAddr,
    method: SignInMethod,
) -> Result<(HeaderValue, Me), Error> {
    let id = sessions::start(&app.db, &account.id, method).await?;
    let detail = (method != SignInMethod::Password).then(|| method.name());
    audit::record(&app.db, &By { name: &account.email, address: Some(address) }, Action::SignIn, None, detail).await?;
    let cookie = actor::set_cookie(actor::is_secure(app, headers), Some(&id), app.lifetimes.absolute.as_secs());
    Ok((cookie, Actor::person(app, account, address, id, method).me()))
}

async fn sign_out(State(app): State<AppState>, actor: Actor, headers: HeaderMap) -> Result<Response, Error> {
    if let Some(id) = &actor.session {
        sessions::end(&app.db, id).await?;
        audit::record(&app.db, &actor.by(), Action::SignOut, None, None).await?;
    }
    Ok(signed_out(&app, &headers))
}

/// The answer that ends the browser's session: its cookie cleared.
pub fn signed_out(app: &AppState, headers: &HeaderMap) -> Response {
    let cookie = actor::set_cookie(actor::is_secure(app, headers), None, 0);
    no_store(([(header::SET_COOKIE, cookie)], Json(SignedOut { signed_out: true })))
}

async fn me(actor: Actor) -> impl IntoResponse {
    no_store(Json(actor.me()))
}
