//! Topics and authors: the pages that gather articles by subject and by writer.

use serde::{Deserialize, Serialize};

use crate::Image;

/// A topic an article is filed under (its tags are topics), as articles carry it. Its page is
/// `/topics/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicRef {
    pub slug: String,
    pub name: String,
}

/// A writer named in an article's byline. `slug` is set when the writer has a page (`/authors/{slug}`): a byline
/// may name someone the publication has no page for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorRef {
    pub name: String,
    #[serde(default)]
    pub slug: Option<String>,
    /// Their role on this piece or at the publication ("Housing correspondent").
    #[serde(default)]
    pub role: Option<String>,
}

/// A link from an author's page to elsewhere (their profile on another site).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorLink {
    pub label: String,
    /// `http(s)` or `mailto`; shown only if it passes the safe-URL rule.
    pub url: String,
}

/// A writer, as their page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Author {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// A short biography, plain text.
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub photo: Option<Image>,
    #[serde(default)]
    pub links: Vec<AuthorLink>,
}

/// The slug of a topic named `name`: lower case, every run of other characters than ASCII letters and digits one
/// hyphen ("Council housing" → `council-housing`, "NHS & social care" → `nhs-social-care`). Empty when `name` has
/// no ASCII letter or digit.
pub fn topic_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(120)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

crate::reads_fields!(TopicRef {
    slug: String,
    name: String,
});
crate::reads_fields!(AuthorRef {
    name: String,
    slug: Option<String>,
    role: Option<String>,
});
crate::reads_fields!(AuthorLink {
    label: String,
    url: String,
});
crate::reads_fields!(Author {
    slug: String,
    name: String,
    role: Option<String>,
    bio: String = default,
    photo: Option<Image>,
    links: Vec<AuthorLink> = default,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::is_valid_slug;

    #[test]
    fn topic_slugs() {
        assert_eq!(topic_slug("Council housing"), "council-housing");
        assert_eq!(topic_slug("  NHS & social care! "), "nhs-social-care");
        assert_eq!(topic_slug("Llanfair—pwll"), "llanfair-pwll");
        assert_eq!(topic_slug("é"), "");
        for name in ["A b", "x--y", "-lead", "trail-", &"long ".repeat(60)] {
            assert!(is_valid_slug(&topic_slug(name)), "{name}");
        }
    }
}
