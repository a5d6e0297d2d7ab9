//! Which address a request comes from, for the feedback rate limit and the
//! sign-in guard. Behind a load balancer or reverse proxy every request
//! arrives from the proxy, so every resident would share one allowance;
//! when the peer is a proxy the operator trusts, the client is the address
//! it put in `X-Forwarded-For` (the right-most one that is not itself a
//! trusted proxy). From anyone else the header is ignored, so a client
//! cannot choose its own address.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// `--trusted-proxy`: an address (`10.0.0.5`) or a network (`10.0.0.0/8`).
pub fn parse_proxy(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    s.parse::<IpNet>()
        .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{s:?} is not an IP address or network such as 10.0.0.0/8"))
}

/// The client as the limits count it: an IPv4 address, or the IPv6 `/64`
/// it is in (one subscriber is handed a whole /64, so counting single
/// addresses would give one person 2^64 allowances).
pub fn group(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let net = ipnet::Ipv6Net::new(v6, 64).map(|n| n.trunc()).unwrap_or_default();
            net.to_string()
        }
    }
}

/// Whether `address` is one of the operator's `--trusted-proxy` entries.
pub fn is_trusted(address: IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|net| net.contains(&address.to_canonical()))
}

pub fn client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| is_trusted(*ip, trusted);
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => client = ip,
            Err(_) => break,
        }
        if !is_trusted(&client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_forwarded_client_only_behind_a_trusted_proxy() {
        let trusted = [parse_proxy("10.0.0.0/8").unwrap(), parse_proxy("192.0.2.7").unwrap()];
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let lb = ip("10.1.2.3");
        assert_eq!(client(lb, &forwarded(&["203.0.113.9"]), &trusted), ip("203.0.113.9"));
        // A client's own X-Forwarded-For is to the left of what the proxies added.
        assert_eq!(client(lb, &forwarded(&["1.1.1.1, 203.0.113.9, 192.0.2.7"]), &trusted), ip("203.0.113.9"));
        assert_eq!(client(lb, &forwarded(&["1.1.1.1", "203.0.113.9"]), &trusted), ip("203.0.113.9"));
        assert_eq!(client(lb, &forwarded(&["not-an-address"]), &trusted), lb);
        assert_eq!(client(lb, &HeaderMap::new(), &trusted), lb);
        let resident = ip("198.51.100.4");
        assert_eq!(client(resident, &forwarded(&["203.0.113.9"]), &trusted), resident, "not a proxy: ignored");
        assert_eq!(client(ip("::ffff:10.0.0.1"), &forwarded(&["203.0.113.9"]), &trusted), ip("203.0.113.9"));
        assert!(parse_proxy("proxy.internal").is_err());
    }

    #[test]
    fn ipv6_clients_are_grouped_by_their_64() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(group(ip("2001:db8:1:2:3:4:5:6")), "2001:db8:1:2::/64");
        assert_eq!(group(ip("2001:db8:1:2::ffff")), group(ip("2001:db8:1:2:3:4:5:6")));
        assert_ne!(group(ip("2001:db8:1:3::1")), group(ip("2001:db8:1:2::1")));
        assert_eq!(group(ip("::ffff:203.0.113.9")), "203.0.113.9");
    }
}
