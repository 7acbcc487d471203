//! Runtime settings read from the served index.html, so one build serves any deployment.

use broadsheet_content::API_BASE;

/// The content API base URL from `<meta name="broadsheet-api" content="…">`, without a trailing slash.
/// Falls back to `/api/v1` when the tag is missing or empty.
pub fn api_base() -> String {
    let from_meta = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='broadsheet-api']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    normalise_base(from_meta.as_deref())
}

/// Trims the configured base, falling back to the default path.
pub fn normalise_base(raw: Option<&str>) -> String {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.trim_end_matches('/').to_string(),
        None => API_BASE.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_base;

    #[test]
    fn base_from_meta() {
        assert_eq!(normalise_base(None), "/api/v1");
        assert_eq!(normalise_base(Some("  ")), "/api/v1");
        assert_eq!(
            normalise_base(Some("https://api.example.org/v1/")),
            "https://api.example.org/v1"
        );
    }
}
