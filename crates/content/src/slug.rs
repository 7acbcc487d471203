/// Paths the app uses for itself; no section may take one of these slugs.
pub const RESERVED_SLUGS: &[&str] = &[
    "about",
    "api",
    "assets",
    "authors",
    "comment",
    "embed",
    "favicon.ico",
    "icons",
    "index.html",
    "kinds",
    "latest",
    "manifest.json",
    "media",
    "newsletter",
    "offline",
    "oembed",
    "preview",
    "privacy",
    "robots.txt",
    "saved",
    "screenshots",
    "search",
    "sitemap.xml",
    "sitemaps",
    "snippets",
    "sw.js",
    "tags",
    "topics",
    "webhooks",
];

/// Folders of files, not pages: a missing path under one is a missing file (a plain 404), never a page.
pub const FILE_FOLDERS: &[&str] = &["assets", "icons", "media", "screenshots", "snippets"];

/// True for lower-case ASCII letters, digits and single inner hyphens, 1 to 120 characters.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True when a section may not use this slug because the app owns the path.
pub fn is_reserved_slug(s: &str) -> bool {
    RESERVED_SLUGS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("council-tax-2026"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("Council"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("-a"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("caf\u{e9}"));
        assert!(!is_valid_slug(&"a".repeat(121)));
        assert!(is_reserved_slug("embed"));
        assert!(!is_reserved_slug("housing"));
        for folder in FILE_FOLDERS {
            assert!(
                is_reserved_slug(folder),
                "{folder}: no section may take a folder of files"
            );
        }
    }
}
