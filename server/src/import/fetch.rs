//! Fetching a source politely (conditional GET, a timeout, a size limit)
//! and only where it was pointed. A source on the internet stays there: no
//! redirect or DNS answer may lead the server to its own loopback, a
//! link-local address (the cloud's metadata service among them), or a
//! private or unique-local network, unless the source was configured with
//! an address of that kind itself; and nothing moves from https to http.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, USER_AGENT};
use reqwest::{StatusCode, Url};

use super::error::ReadError;

pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: usize,
}

pub enum Fetched {
    NotModified,
    Body { bytes: Vec<u8>, etag: Option<String>, last_modified: Option<String> },
}

/// Redirects followed at most.
const REDIRECTS: usize = 5;

/// What kind of network an address is on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reach {
    Internet,
    Loopback,
    LinkLocal,
    Private,
    /// Unspecified, broadcast, multicast: never fetched from.
    Nowhere,
}

impl Reach {
    pub fn of(address: IpAddr) -> Reach {
        match address.to_canonical() {
            IpAddr::V4(v4) if v4.is_loopback() => Reach::Loopback,
            IpAddr::V4(v4) if v4.is_link_local() => Reach::LinkLocal,
            // 100.64.0.0/10 is a carrier's shared space: private too.
            IpAddr::V4(v4) if v4.is_private() || (v4.octets()[0] == 100 && v4.octets()[1] & 0xc0 == 64) => {
                Reach::Private
            }
            IpAddr::V4(v4) if v4.is_unspecified() || v4.is_broadcast() || v4.is_multicast() => Reach::Nowhere,
            IpAddr::V6(v6) if v6.is_loopback() => Reach::Loopback,
            IpAddr::V6(v6) if v6.is_unicast_link_local() => Reach::LinkLocal,
            IpAddr::V6(v6) if v6.is_unique_local() => Reach::Private,
            IpAddr::V6(v6) if v6.is_unspecified() || v6.is_multicast() => Reach::Nowhere,
            _ => Reach::Internet,
        }
    }

    /// Where a source configured at `url` may lead: the internet, and the
    /// kind of network its own address is on when that is written in it.
    fn allowed_for(url: &Url) -> [Reach; 2] {
        let own = match url.host() {
            Some(url::Host::Ipv4(ip)) => Reach::of(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Reach::of(IpAddr::V6(ip)),
            Some(url::Host::Domain("localhost")) => Reach::Loopback,
            _ => Reach::Internet,
        };
        [Reach::Internet, own]
    }
}

/// Why a hop was refused, found again in reqwest's error chain.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OffLimits(pub String);

/// Whether one step from `from` to `to` stays within `allowed`.
fn check_hop(from: &Url, to: &Url, allowed: [Reach; 2]) -> Result<(), OffLimits> {
    if from.scheme() == "https" && to.scheme() != "https" {
        return Err(OffLimits(format!("refused a redirect from https to {to}")));
    }
    let address = match to.host() {
        Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
        _ => None,
    };
    match address.map(Reach::of) {
        Some(reach) if !allowed.contains(&reach) => {
            Err(OffLimits(format!("refused a redirect to {to}, which is not on the internet")))
        }
        _ => Ok(()),
    }
}

/// Resolves names to the addresses a source may reach, and only those.
struct Within([Reach; 2]);

impl Resolve for Within {
    fn resolve(&self, name: Name) -> Resolving {
        let allowed = self.0;
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let addresses: Vec<SocketAddr> = found.filter(|a| allowed.contains(&Reach::of(a.ip()))).collect();
            if addresses.is_empty() {
                let why = format!("{} has no address on the internet", name.as_str());
                return Err(Box::new(OffLimits(why)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

fn client(url: &Url, limits: &Limits) -> Result<reqwest::Client, ReadError> {
    let allowed = Reach::allowed_for(url);
    let redirects = reqwest::redirect::Policy::custom(move |attempt| {
        let from = attempt.previous().last().cloned();
        if attempt.previous().len() > REDIRECTS {
            return attempt.error(OffLimits(format!("more than {REDIRECTS} redirects")));
        }
        match from.map(|from| check_hop(&from, attempt.url(), allowed)) {
            Some(Err(refused)) => attempt.error(refused),
            _ => attempt.follow(),
        }
    });
    reqwest::Client::builder()
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout)
        .redirect(redirects)
        .dns_resolver(Arc::new(Within(allowed)))
        .build()
        .map_err(ReadError::from)
}

pub async fn get(
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
    limits: &Limits,
) -> Result<Fetched, ReadError> {
    let parsed = Url::parse(url).map_err(|e| ReadError::BadUrl(e.to_string()))?;
    let client = client(&parsed, limits)?;
    let mut request =
        client.get(parsed).header(USER_AGENT, concat!("police-engage-server/", env!("CARGO_PKG_VERSION")));
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(since) = last_modified {
        request = request.header(IF_MODIFIED_SINCE, since);
    }
    let mut response = request.send().await?;
    if response.status() == StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !response.status().is_success() {
        return Err(ReadError::Status(response.status()));
    }
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
    let max_bytes = limits.max_bytes;
    if response.content_length().is_some_and(|len| len as usize > max_bytes) {
        return Err(ReadError::TooLarge(max_bytes));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if bytes.len() + chunk.len() > max_bytes {
            return Err(ReadError::TooLarge(max_bytes));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body { bytes, etag, last_modified })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn a_source_on_the_internet_stays_there() {
        let allowed = Reach::allowed_for(&url("https://news.force.example/feed"));
        let from = url("https://news.force.example/feed");
        for to in [
            "http://169.254.169.254/latest/meta-data/",
            "https://127.0.0.1/",
            "https://10.1.2.3/",
            "https://[fd00::1]/",
            "https://[::ffff:192.168.1.1]/",
            "https://100.64.0.1/",
        ] {
            assert!(check_hop(&from, &url(to), allowed).is_err(), "{to}");
        }
        assert!(check_hop(&from, &url("https://cdn.example/feed"), allowed).is_ok());
        assert!(check_hop(&from, &url("https://203.0.113.9/feed"), allowed).is_ok());
        assert!(check_hop(&from, &url("http://cdn.example/feed"), allowed).is_err(), "no downgrade");
    }

    #[test]
    fn a_source_configured_on_a_private_network_may_stay_on_it() {
        let allowed = Reach::allowed_for(&url("http://10.0.0.8/feed.xml"));
        let from = url("http://10.0.0.8/feed.xml");
        assert!(check_hop(&from, &url("http://10.0.0.9/feed.xml"), allowed).is_ok());
        assert!(check_hop(&from, &url("http://169.254.169.254/"), allowed).is_err());
        assert!(check_hop(&from, &url("http://127.0.0.1/"), allowed).is_err());
    }
}
