//! Who is asking: a person signed in to the console (by the session
//! cookie), or automation holding the admin bearer token. Roles are checked
//! here, on the server, whatever the console shows.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use police_engage_contract::{Channel, Me, Role, SignInMethod};
use subtle::ConstantTimeEq;

use super::{base_url, AppState};
use crate::audit;
use crate::error::Error;
use crate::identity::admin_token::hash;
use crate::identity::people::Account;
use crate::identity::sessions;

/// The session cookie's name: `__Host-` on https, so only this host, over
/// TLS, on every path, can set it; plain on http, where browsers refuse that prefix.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-pe_session"
    } else {
        "pe_session"
    }
}

#[derive(Clone)]
pub enum Who {
    Token,
    Person(Account),
}

#[derive(Clone)]
pub struct Actor {
    pub who: Who,
    /// The client's address (behind a trusted proxy, the one it forwarded).
    pub address: IpAddr,
    /// The session id from the cookie, when signed in by one.
    pub session: Option<String>,
    /// How the session was started.
    pub method: SignInMethod,
    /// Must set up a second factor before anything else.
    pub needs_second_factor: bool,
}

impl Actor {
    /// The token may do anything the admin API offers.
    pub fn role(&self) -> Role {
        match &self.who {
            Who::Token => Role::Admin,
            Who::Person(p) => p.role,
        }
    }

    /// Passes when the role grants what `allowed` asks.
    pub fn require(&self, allowed: fn(Role) -> bool) -> Result<(), Error> {
        if allowed(self.role()) {
            Ok(())
        } else {
            Err(Error::NotAllowed)
        }
    }

    /// As the audit log names them.
    pub fn name(&self) -> &str {
        match &self.who {
            Who::Token => audit::TOKEN,
            Who::Person(p) => &p.email,
        }
    }

    /// For the audit log.
    pub fn by(&self) -> audit::By<'_> {
        audit::By { name: self.name(), address: Some(self.address) }
    }

    /// How what this actor publishes came in.
    pub fn channel(&self) -> Channel {
        match self.who {
            Who::Token => Channel::Api,
            Who::Person(_) => Channel::Console,
        }
    }

    pub fn person_id(&self) -> Option<&str> {
        match &self.who {
            Who::Token => None,
            Who::Person(p) => Some(&p.id),
        }
    }

    pub fn me(&self) -> Me {
        let (id, email) = match &self.who {
            Who::Token => (String::new(), audit::TOKEN.to_owned()),
            Who::Person(p) => (p.id.clone(), p.email.clone()),
        };
        let has_password = matches!(&self.who, Who::Person(p) if p.password().is_some());
        Me {
            id,
            email,
            role: self.role(),
            method: self.method,
            needs_second_factor: self.needs_second_factor,
            has_password,
        }
    }

    /// A signed-in person, as a new session sees them.
    pub fn person(app: &AppState, account: Account, address: IpAddr, session: String, method: SignInMethod) -> Actor {
        let needs_second_factor = method == SignInMethod::Password
            && account.factors == 0
            && app.settings.require_second_factor.covers(account.role);
        Actor { who: Who::Person(account), address, session: Some(session), method, needs_second_factor }
    }
}

/// Whether the request carries the admin bearer token.
pub fn holds_token(app: &AppState, headers: &HeaderMap) -> bool {
    bearer(headers).is_some_and(|given| hash(given).as_bytes().ct_eq(app.admin_hash.as_bytes()).into())
}

/// The one already settled by the gate, which has read the body since.
impl FromRequestParts<AppState> for Actor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Actor, Error> {
        match parts.extensions.get::<Actor>() {
            Some(actor) => Ok(actor.clone()),
            None => identify(app, parts).await,
        }
    }
}

/// Who sent the request: the token (no database work), or a session cookie,
/// looked up under a permit from the anonymous pool since anyone can send
/// one. Unknown callers get `401` before their body is read.
pub async fn identify(app: &AppState, parts: &Parts) -> Result<Actor, Error> {
    let address = client_address(parts, app);
    if bearer(&parts.headers).is_some() {
        return if holds_token(app, &parts.headers) {
            Ok(Actor {
                who: Who::Token,
                address,
                session: None,
                method: SignInMethod::Password,
                needs_second_factor: false,
            })
        } else {
            Err(Error::Unauthorized)
        };
    }
    let secure = is_secure(app, &parts.headers);
    let id = cookie(&parts.headers, cookie_name(secure)).ok_or(Error::Unauthorized)?;
    // A cookie comes with every request the browser makes to us, even one
    // another site triggers: state changes must come from our own pages.
    if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        same_origin(app, &parts.headers)?;
    }
    let _permit = app.gate.permit(super::gate::Pool::Anonymous)?;
    let (person, method) = sessions::find(&app.db, &id, app.lifetimes).await?.ok_or(Error::Unauthorized)?;
    let actor = Actor::person(app, person, address, id, method);
    if actor.needs_second_factor && !while_setting_up(&parts.method, parts.uri.path()) {
        return Err(Error::SecondFactorRequired);
    }
    Ok(actor)
}

/// What a person who must set up a second factor may do first: see who
/// they are, manage their own sign-in, and sign out.
fn while_setting_up(method: &Method, path: &str) -> bool {
    path == "/v1/me" || path.starts_with("/v1/me/") || (path == "/v1/session" && method == Method::DELETE)
}

/// 403 unless `Origin` is this server's own.
pub fn same_origin(app: &AppState, headers: &HeaderMap) -> Result<(), Error> {
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()).unwrap_or_default();
    if origin.trim_end_matches('/') == base_url(&app.settings, headers) {
        Ok(())
    } else {
        tracing::warn!(origin, "console request refused from another origin");
        Err(Error::Forbidden("This request must come from the console's own pages."))
    }
}

/// Whether the public address is https (directly, or behind a proxy that says so).
pub fn is_secure(app: &AppState, headers: &HeaderMap) -> bool {
    base_url(&app.settings, headers).starts_with("https://")
}

/// `Set-Cookie` for a new session, or (with `None`) one that clears it.
pub fn set_cookie(secure: bool, id: Option<&str>, max_age_secs: u64) -> HeaderValue {
    cookie_header(secure, Cookie { name: cookie_name(secure), path: "/", same_site: "Strict" }, id, max_age_secs)
}

/// A cookie this server sets: `HttpOnly`, `Secure` on https.
pub struct Cookie {
    pub name: &'static str,
    pub path: &'static str,
    pub same_site: &'static str,
}

/// `Set-Cookie` for `cookie` with `value`, or (with `None`) one that clears it.
pub fn cookie_header(secure: bool, cookie: Cookie, value: Option<&str>, max_age_secs: u64) -> HeaderValue {
    let Cookie { name, path, same_site } = cookie;
    let (value, max_age) = value.map_or(("", 0), |v| (v, max_age_secs));
    let value = format!("{name}={value}; Path={path}; HttpOnly; SameSite={same_site}; Max-Age={max_age}");
    let value = if secure { format!("{value}; Secure") } else { value };
    HeaderValue::from_str(&value).expect("cookie values are hex")
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

fn client_address(parts: &Parts, app: &AppState) -> IpAddr {
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    crate::client_ip::client(peer, &parts.headers, &app.settings.trusted_proxies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_carry_every_protection() {
        let secure = set_cookie(true, Some("abc"), 60).to_str().unwrap().to_owned();
        assert_eq!(secure, "__Host-pe_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
        let plain = set_cookie(false, None, 0).to_str().unwrap().to_owned();
        assert_eq!(plain, "pe_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; pe_session=xyz; b=2"));
        assert_eq!(cookie(&headers, "pe_session").as_deref(), Some("xyz"));
        assert_eq!(cookie(&headers, "__Host-pe_session"), None);
    }
}
