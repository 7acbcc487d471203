//! The client's address, for rate limits: the TCP peer, or the reader behind the caches and load balancers
//! named by `--trusted-proxies`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;

/// The client's address: the TCP peer, or, when the peer is one of `--trusted-proxies` (a cache or load
/// balancer), the last address in `X-Forwarded-For` that is not a trusted proxy. Unknown peers share one bucket.
pub struct ClientIp(pub IpAddr);

/// The client behind `peer`, from the `X-Forwarded-For` values the proxies appended (rightmost is nearest).
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) if trusted.contains(ip) => continue,
            Some(ip) => return *ip,
            // A value that is not an address: nothing before it can be believed.
            None => return peer,
        }
    }
    peer
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(client_ip(peer, &forwarded, &st.trusted_proxies)))
    }
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use std::net::IpAddr;

    #[test]
    fn the_client_behind_a_trusted_proxy_is_the_last_untrusted_forwarded_address() {
        let varnish: IpAddr = "10.0.0.5".parse().unwrap();
        let reader: IpAddr = "203.0.113.9".parse().unwrap();
        let trusted = [varnish];
        assert_eq!(
            client_ip(varnish, &["198.51.100.1, 203.0.113.9"], &trusted),
            reader,
            "a reader cannot choose their address by sending the header first"
        );
        assert_eq!(
            client_ip(reader, &["198.51.100.1"], &trusted),
            reader,
            "an untrusted peer's header is ignored"
        );
        assert_eq!(client_ip(varnish, &[], &trusted), varnish);
    }
}
