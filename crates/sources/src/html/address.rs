//! The parts of a URL the converter looks at, parsed by the `url` crate (WHATWG rules, as a browser reads them).

/// An http(s) or protocol-relative URL: its host (lower case, without port or user), path segments and query.
pub(super) struct Address {
    pub host: String,
    pub segments: Vec<String>,
    query: Vec<(String, String)>,
}

impl Address {
    /// `None` when `url` is not http(s) or protocol-relative (`//host/…`), or has no host.
    pub fn parse(url: &str) -> Option<Address> {
        let url = url.trim();
        let parsed = match url.get(..2) {
            Some("//") => url::Url::parse(&format!("https:{url}")).ok()?,
            _ => url::Url::parse(url).ok()?,
        };
        if !matches!(parsed.scheme(), "http" | "https") {
            return None;
        }
        Some(Address {
            host: parsed.host_str()?.to_ascii_lowercase(),
            segments: parsed
                .path_segments()
                .map(|s| s.filter(|s| !s.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
            query: parsed.query_pairs().into_owned().collect(),
        })
    }

    /// The first value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The host of a URL, for a note: `www.example.com`, or a description when there is none.
pub(super) fn host_of(url: &str) -> String {
    match Address::parse(url) {
        Some(a) => a.host,
        None if url.trim().is_empty() => "no address".into(),
        None => format!("`{}`", super::dom::excerpt(url)),
    }
}
