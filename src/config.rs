//! Runtime settings read from the served index.html, so one build serves any deployment.

use broadsheet_content::API_BASE;

/// How long an API request may take before the reader is told, unless the page says otherwise.
pub const DEFAULT_TIMEOUT_MS: i32 = 10_000;

/// The `content` of `<meta name="{name}">` in the served page.
fn meta(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name='{name}']"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
}

thread_local! {
    // Read once, when first needed: a page's settings do not change while it is open, and each read is a query of
    // the document.
    static BASE: String = normalise_base(meta("broadsheet-api").as_deref());
    static TIMEOUT_MS: i32 = parse_timeout(meta("broadsheet-timeout-ms").as_deref());
    static PUBLIC_URL: Option<String> = meta("broadsheet-public-url").filter(|u| !u.trim().is_empty());
}

/// The site's public URL from `<meta name="broadsheet-public-url" content="…">` (the server writes it when it
/// is set), for canonical links; `None` when the page does not say.
pub fn public_url() -> Option<String> {
    PUBLIC_URL.with(Clone::clone)
}

/// The content API base URL from `<meta name="broadsheet-api" content="…">`, without a trailing slash.
/// Falls back to `/api/v1` when the tag is missing or empty.
pub fn api_base() -> String {
    BASE.with(Clone::clone)
}

/// The request timeout from `<meta name="broadsheet-timeout-ms" content="…">`, or 10 seconds.
pub fn timeout_ms() -> i32 {
    TIMEOUT_MS.with(|t| *t)
}

/// A whole number of milliseconds from 100 to 120 000; anything else means the default.
pub fn parse_timeout(raw: Option<&str>) -> i32 {
    raw.and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|ms| (100..=120_000).contains(ms))
        .unwrap_or(DEFAULT_TIMEOUT_MS)
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
    use super::{normalise_base, parse_timeout, DEFAULT_TIMEOUT_MS};

    #[test]
    fn timeout_from_meta() {
        assert_eq!(parse_timeout(None), DEFAULT_TIMEOUT_MS);
        assert_eq!(parse_timeout(Some(" 2500 ")), 2500);
        assert_eq!(parse_timeout(Some("0")), DEFAULT_TIMEOUT_MS);
        assert_eq!(parse_timeout(Some("soon")), DEFAULT_TIMEOUT_MS);
    }

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
