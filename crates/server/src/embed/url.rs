//! Just enough URL handling for widget addresses: percent-encoding, and splitting an absolute URL.

use std::collections::HashMap;

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+` (as a space); bad escapes are kept as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An absolute http(s) URL as origin (`http://host:port`), path and query pairs; `None` if it is not one.
pub fn split(url: &str) -> Option<(String, String, HashMap<String, String>)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let scheme = &url[..url.len() - rest.len()];
    let rest = rest.split('#').next().unwrap_or(rest);
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let (path, query) = match rest[host_end..].split_once('?') {
        Some((p, q)) => (p, q),
        None => (&rest[host_end..], ""),
    };
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    Some((
        format!("{scheme}{}", host.to_ascii_lowercase()),
        if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        pairs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_splits() {
        let u = "http://127.0.0.1:8080/embed/housing?limit=3&theme=dark";
        assert_eq!(decode(&encode(u)), u);
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%é%zz"), "%é%zz");
        let (origin, path, q) = split(u).unwrap();
        assert_eq!(origin, "http://127.0.0.1:8080");
        assert_eq!(path, "/embed/housing");
        assert_eq!(q["limit"], "3");
        assert_eq!(q["theme"], "dark");
        assert!(split("javascript:alert(1)").is_none());
        assert!(split("http://user@evil/x").is_none());
        assert_eq!(split("https://Site.example").unwrap().1, "/");
    }
}
