//! Signing in through the force's identity provider:
//! `GET /v1/session/oidc/start` sends the browser there, with a cookie that
//! ties the `state` to this browser; `GET /v1/session/oidc/callback` takes
//! the answer, signs the person in and opens the console, or opens the
//! sign-in page saying why not (`?refused=…`). What happens to a sign-in
//! that was really started here is audited; answers with no such sign-in
//! behind them (anyone can send those) are only logged.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use police_engage_contract::{Action, ProviderRefusal, SignInMethod};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::actor::{self, Cookie};
use super::session::start_session;
use super::{base_url, AppState};
use crate::audit::{self, By};
use crate::client_ip;
use crate::error::Error;
use crate::identity::people::{self, Account, PersonError, PROVIDER};
use crate::identity::provider::{self, Identity, Provider, PATIENCE};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/session/oidc/start", get(start)).route("/v1/session/oidc/callback", get(callback))
}

/// Ties a sign-in to the browser that started it, so a link with someone
/// else's `state` and code signs no one in. `Lax`: it must come back with
/// the provider's redirect, a navigation from another site. On https it is
/// `__Host-`, so no other host can plant one.
fn state_cookie(secure: bool) -> Cookie {
    if secure {
        Cookie { name: "__Host-pe_oidc_state", path: "/", same_site: "Lax" }
    } else {
        Cookie { name: "pe_oidc_state", path: "/v1/session/oidc", same_site: "Lax" }
    }
}

/// A provider that is slow or down, or someone starting many sign-ins,
/// is told to wait this long.
const WAIT: Duration = Duration::from_secs(60);

fn provider(app: &AppState) -> Result<&Provider, Error> {
    app.provider.as_ref().ok_or(Error::NotFound("No identity provider is configured."))
}

fn callback_url(app: &AppState, headers: &HeaderMap) -> String {
    format!("{}/v1/session/oidc/callback", base_url(&app.settings, headers))
}

async fn start(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let provider = provider(&app)?;
    let _call = provider.call().ok_or(Error::Busy(WAIT))?;
    let asker = client_ip::group(client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies));
    let started = provider.start(&app.db, &callback_url(&app, &headers), &asker).await.map_err(Error::Internal)?;
    let started = started.ok_or(Error::Busy(WAIT))?;
    let secure = actor::is_secure(&app, &headers);
    let cookie = actor::cookie_header(secure, state_cookie(secure), Some(&started.state), PATIENCE.as_secs());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&started.url)).into_response())
}

/// The provider's answer: a code and the state, or an error.
#[derive(Deserialize)]
struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Why a callback signed no one in, and whether it is worth an audit entry.
struct Refused {
    refusal: ProviderRefusal,
    email: Option<String>,
    audited: bool,
}

async fn callback(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(answer): Query<Answer>,
) -> Result<Response, Error> {
    let provider = provider(&app)?;
    let _call = provider.call().ok_or(Error::Busy(WAIT))?;
    let address = client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies);
    let secure = actor::is_secure(&app, &headers);
    let clear_state = actor::cookie_header(secure, state_cookie(secure), None, 0);
    let (to, session) = match signed_in(&app, provider, &headers, address, answer).await? {
        Ok(account) => {
            let (cookie, _) = start_session(&app, &headers, account, address, SignInMethod::Provider).await?;
            ("/console/".to_owned(), Some(cookie))
        }
        Err(Refused { refusal, email, audited }) => {
            if audited {
                let by = By { name: email.as_deref().unwrap_or(audit::UNKNOWN), address: Some(address) };
                audit::record(&app.db, &by, Action::SignInRefused, None, Some(refusal.name())).await?;
            }
            (format!("/console/sign-in?refused={}", refusal.name()), None)
        }
    };
    let cookies = std::iter::once(clear_state).chain(session).map(|c| (header::SET_COOKIE, c));
    Ok((AppendHeaders(cookies), Redirect::to(&to)).into_response())
}

/// The account the provider's answer signs in, if it holds: the `state`
/// must be this browser's, unused and recent; then the provider must not
/// have refused, the ID token must pass every check, and the person must
/// be let in here.
async fn signed_in(
    app: &AppState,
    provider: &Provider,
    headers: &HeaderMap,
    address: IpAddr,
    answer: Answer,
) -> Result<Result<Account, Refused>, Error> {
    let unaudited = |refusal| Ok(Err(Refused { refusal, email: None, audited: false }));
    let Some(state) = answer.state else { return unaudited(ProviderRefusal::Expired) };
    let ours = actor::cookie(headers, state_cookie(actor::is_secure(app, headers)).name).unwrap_or_default();
    if !bool::from(ours.as_bytes().ct_eq(state.as_bytes())) {
        tracing::warn!("a provider sign-in came back with a state this browser did not start");
        return unaudited(ProviderRefusal::Expired);
    }
    let Some(taken) = provider::take(&app.db, &state).await? else {
        return unaudited(ProviderRefusal::Expired);
    };
    let refused = |refusal, email| Ok(Err(Refused { refusal, email, audited: true }));
    if let Some(error) = answer.error {
        tracing::info!(%error, "the identity provider sent the person back without signing them in");
        return refused(ProviderRefusal::Cancelled, None);
    }
    let Some(code) = answer.code else { return refused(ProviderRefusal::Failed, None) };
    let identity = match provider.finish(taken, &callback_url(app, headers), &code).await {
        Ok(identity) => identity,
        Err(refusal) => return refused(refusal, None),
    };
    let by = By { name: &identity.email, address: Some(address) };
    Ok(account(app, &identity, &by).await?.map_err(|refusal| Refused {
        refusal,
        email: Some(identity.email.clone()),
        audited: true,
    }))
}

/// The console account for who the provider vouches for. Once someone has
/// signed in through it they are bound to that identity (`ISSUER|SUBJECT`),
/// so an email that changes hands later signs no one else in. The first
/// time, they are the person an admin added with that email (whose role is
/// set here), or, with an app role and no such person, someone new whose
/// role follows the directory: refused when it has none any more. A
/// disabled person stays out either way.
async fn account(app: &AppState, identity: &Identity, by: &By<'_>) -> Result<Result<Account, ProviderRefusal>, Error> {
    let bound = people::by_provider_subject(&app.db, &identity.subject).await?;
    let found = match bound {
        Some(account) => Some(account),
        None => match people::by_email(&app.db, &identity.email).await? {
            Some(account) if account.provider_subject.is_some() => {
                tracing::warn!(email = %identity.email, "an email already bound to another identity at the provider");
                return Ok(Err(ProviderRefusal::Failed));
            }
            Some(account) if !people::bind_provider_subject(&app.db, &account.id, &identity.subject).await? => {
                return Ok(Err(ProviderRefusal::Failed));
            }
            found => found,
        },
    };
    Ok(match (found, identity.role) {
        (Some(account), _) if account.disabled_at.is_some() => Err(ProviderRefusal::Disabled),
        (Some(account), None) if account.source == PROVIDER => Err(ProviderRefusal::NoRole),
        (Some(account), Some(role)) if account.source == PROVIDER && account.role != role => {
            people::set_role(&app.db, &account.id, role).await?;
            let detail = format!("{} → {} ({FROM_PROVIDER})", account.role.name(), role.name());
            audit::record(&app.db, by, Action::PersonRole, Some(&account.email), Some(&detail)).await?;
            Ok(Account { role, ..account })
        }
        (Some(account), _) => Ok(account),
        (None, Some(role)) => match people::add_from_provider(&app.db, &identity.email, role, &identity.subject).await?
        {
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
