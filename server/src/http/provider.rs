//! Signing in through the force's identity provider:
//! `GET /v1/session/oidc/start` sends the browser there, with a cookie that
//! ties the `state` to this browser; `GET /v1/session/oidc/callback` takes
//! the answer, signs the person in and opens the console, or opens the
//! sign-in page saying why not (`?refused=…`). Both audited.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use police_engage_contract::{Action, ProviderRefusal, SignInMethod};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::actor::{self, Cookie};
use super::gate::Pool;
use super::session::start_session;
use super::{base_url, AppState};
use crate::audit::{self, By};
use crate::error::Error;
use crate::identity::people::{self, Account, PersonError};
use crate::identity::provider::{Identity, Provider, PATIENCE};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/session/oidc/start", get(start)).route("/v1/session/oidc/callback", get(callback))
}

/// Ties a sign-in to the browser that started it, so a link with someone
/// else's `state` and code signs no one in. `Lax`: it must come back with
/// the provider's redirect, a navigation from another site.
const STATE: Cookie = Cookie { name: "pe_oidc_state", path: "/v1/session/oidc", same_site: "Lax" };

fn provider(app: &AppState) -> Result<&Provider, Error> {
    app.provider.as_ref().ok_or(Error::NotFound("No identity provider is configured."))
}

fn callback_url(app: &AppState, headers: &HeaderMap) -> String {
    format!("{}/v1/session/oidc/callback", base_url(&app.settings, headers))
}

async fn start(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    let provider = provider(&app)?;
    let _permit = app.gate.permit(Pool::Anonymous)?;
    let started = provider.start(&app.db, &callback_url(&app, &headers)).await.map_err(Error::Internal)?;
    let started = started.ok_or(Error::Busy(std::time::Duration::from_secs(60)))?;
    let cookie =
        actor::cookie_header(actor::is_secure(&app, &headers), STATE, Some(&started.state), PATIENCE.as_secs());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&started.url)).into_response())
}

/// The provider's answer: a code and the state, or an error.
#[derive(Deserialize)]
struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(answer): Query<Answer>,
) -> Result<Response, Error> {
    let provider = provider(&app)?;
    let _permit = app.gate.permit(Pool::Anonymous)?;
    let address = crate::client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies);
    let clear_state = actor::cookie_header(actor::is_secure(&app, &headers), STATE, None, 0);
    let signed_in = match identify(&app, provider, &headers, answer).await {
        Ok(identity) => {
            let by = By { name: &identity.email, address: Some(address) };
            account(&app, &identity, &by).await?.map_err(|refusal| (Some(identity.email.clone()), refusal))
        }
        Err(refusal) => Err((None, refusal)),
    };
    let (to, session) = match signed_in {
        Ok(account) => {
            let (cookie, _) = start_session(&app, &headers, account, address, SignInMethod::Provider).await?;
            ("/console/".to_owned(), Some(cookie))
        }
        Err((email, refusal)) => {
            let by = By { name: email.as_deref().unwrap_or(audit::UNKNOWN), address: Some(address) };
            audit::record(&app.db, &by, Action::SignInRefused, None, Some(refusal.name())).await?;
            (format!("/console/sign-in?refused={}", refusal.name()), None)
        }
    };
    let cookies = std::iter::once(clear_state).chain(session).map(|c| (header::SET_COOKIE, c));
    Ok((AppendHeaders(cookies), Redirect::to(&to)).into_response())
}

/// Who the provider signed in, if its answer holds: the `state` must be
/// this browser's, unused and recent, and the ID token must pass every check.
async fn identify(
    app: &AppState,
    provider: &Provider,
    headers: &HeaderMap,
    answer: Answer,
) -> Result<Identity, ProviderRefusal> {
    if let Some(error) = answer.error {
        tracing::info!(%error, "the identity provider sent the person back without signing them in");
        return Err(ProviderRefusal::Cancelled);
    }
    let (Some(code), Some(state)) = (answer.code, answer.state) else { return Err(ProviderRefusal::Failed) };
    let ours = actor::cookie(headers, STATE.name).unwrap_or_default();
    if !bool::from(ours.as_bytes().ct_eq(state.as_bytes())) {
        tracing::warn!("a provider sign-in came back with a state this browser did not start");
        return Err(ProviderRefusal::Expired);
    }
    provider.finish(&app.db, &callback_url(app, headers), &state, &code).await
}

/// The console account for a provider's person: its role from the token's
/// app roles when it has one (adding them, or updating the role, as the
/// force's directory says, both audited), else the person an admin added
/// with that email. A disabled person stays out either way.
async fn account(app: &AppState, identity: &Identity, by: &By<'_>) -> Result<Result<Account, ProviderRefusal>, Error> {
    let existing = people::by_email(&app.db, &identity.email).await?;
    Ok(match (existing, identity.role) {
        (Some(account), _) if account.disabled_at.is_some() => Err(ProviderRefusal::Disabled),
        (Some(account), Some(role)) if account.role != role => {
            people::set_role(&app.db, &account.id, role).await?;
            let detail = format!("{} → {} ({FROM_PROVIDER})", account.role.name(), role.name());
            audit::record(&app.db, by, Action::PersonRole, Some(&account.email), Some(&detail)).await?;
            Ok(Account { role, ..account })
        }
        (Some(account), _) => Ok(account),
        (None, Some(role)) => match people::add_from_provider(&app.db, &identity.email, role).await? {
            Ok(account) => {
                let detail = format!("{} ({FROM_PROVIDER})", role.name());
                audit::record(&app.db, by, Action::PersonAdded, Some(&account.email), Some(&detail)).await?;
                Ok(account)
            }
            Err(PersonError::Taken) => return Box::pin(account(app, identity, by)).await,
            Err(_) => Err(ProviderRefusal::Failed),
        },
        (None, None) => Err(ProviderRefusal::NoRole),
    })
}

/// How the audit log says a change came from the force's directory.
const FROM_PROVIDER: &str = "from the identity provider";
