/// Returns the link target if it is safe to put in an `href`: `http:`, `https:`, `mailto:` or a site-relative
/// path (`/housing/...`, `#notes`). Anything else (`javascript:`, `data:`, protocol-relative `//host`) is `None`.
pub fn safe_href(href: &str) -> Option<&str> {
    let h = href.trim();
    if h.is_empty() || h.chars().any(|c| c.is_control()) {
        return None;
    }
    if h.starts_with('/') {
        return (!h.starts_with("//") && !h.starts_with("/\\")).then_some(h);
    }
    if h.starts_with('#') {
        return Some(h);
    }
    let lower = h.get(..8).unwrap_or(h).to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:");
    ok.then_some(h)
}

/// True for a link that leaves the site (gets `rel="noopener noreferrer"`).
pub fn is_external(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_pass() {
        assert_eq!(
            safe_href("https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(safe_href("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(
            safe_href("mailto:desk@example.org"),
            Some("mailto:desk@example.org")
        );
        assert_eq!(safe_href("/housing/a-story"), Some("/housing/a-story"));
        assert_eq!(safe_href("#notes"), Some("#notes"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" JavaScript:alert(1)"), None);
        assert_eq!(safe_href("java\tscript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,hi"), None);
        assert_eq!(safe_href("//evil.example"), None);
        assert_eq!(safe_href("/\\evil.example"), None);
        assert_eq!(safe_href("relative/path"), None);
        assert_eq!(safe_href("é"), None);
        assert!(is_external("https://example.org"));
        assert!(!is_external("/housing"));
    }
}
