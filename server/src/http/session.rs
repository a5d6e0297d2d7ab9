//! Signing in and out of the console: `POST`/`DELETE /v1/session`, `GET /v1/me`.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{Action, SignIn, SignedOut, EMAIL_MAX};

use super::actor::{self, Actor, Who};
use super::gate::Pool;
use super::{no_store, AppState};
use crate::audit::{self, By};
use crate::error::Error;
use crate::identity::{people, sessions, sign_in_guard};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/session", post(sign_in).delete(sign_out)).route("/v1/me", get(me))
}

/// An email and a password with room to spare.
const SIGN_IN_BODY_LIMIT: usize = 8 * 1024;

/// One answer for an unknown email, a wrong password and a disabled
/// account, slowed a little more with each failure; refused for a while
/// after too many (with the right password too), and from another origin.
/// The origin is checked and the body read before a permit is taken.
async fn sign_in(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    actor::same_origin(&app, &headers)?;
    let address = crate::client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies);
    let SignIn { email, password } = crate::body::read(&crate::body::bytes(body, SIGN_IN_BODY_LIMIT).await?)?;
    let permit = app.gate.permit(Pool::Anonymous)?;
    let email: String = people::normal_email(&email).chars().take(EMAIL_MAX).collect();
    let attempt = sign_in_guard::begin(&app.db, &email, address).await?.map_err(Error::Locked)?;
    let account = people::by_email(&app.db, &email).await?.filter(|a| a.disabled_at.is_none());
    let matches = people::verify_password(&password, account.as_ref().map(|a| a.password_hash.as_str())).await;
    let known = account.is_some();
    let Some(account) = account.filter(|_| matches) else {
        let tried = audit::tried_as(&email, known);
        audit::record(&app.db, &By { name: &tried, address: Some(address) }, Action::SignInFailed, None, None).await?;
        // The slowing holds the guesser, not a permit.
        drop(permit);
        sign_in_guard::failed(attempt).await;
        return Err(Error::SignInFailed);
    };
    sign_in_guard::succeeded(&app.db, attempt).await?;
    let id = sessions::start(&app.db, &account.id).await?;
    audit::record(&app.db, &By { name: &account.email, address: Some(address) }, Action::SignIn, None, None).await?;
    let cookie = actor::set_cookie(actor::is_secure(&app, &headers), Some(&id), app.lifetimes.absolute.as_secs());
    let signed_in = Actor { who: Who::Person(account), address, session: Some(id) };
    Ok(no_store(([(header::SET_COOKIE, cookie)], Json(signed_in.me()))))
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
