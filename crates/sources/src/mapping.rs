//! Which Broadsheet section a CMS's posts go to. Sections are Broadsheet's own (the Markdown folder's
//! `sections.toml`); a WordPress category or a Ghost primary tag names one by its slug, or through a mapping file
//! for the rest, with a stated fallback.

use std::collections::{BTreeMap, HashMap};

use broadsheet_content::SectionRef;
use serde::Deserialize;

/// A mapping file (TOML): `fallback = "news"` and a `[sections]` table of `term-slug = "section-slug"`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The section of a post none of whose terms names one; without it such a post is skipped, noted.
    #[serde(default)]
    pub fallback: Option<String>,
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
}

impl Mapping {
    /// Reads a mapping file; the error names the file and what is wrong.
    pub fn parse(text: &str, file: &str) -> Result<Mapping, String> {
        toml::from_str(text).map_err(|e| format!("{file}: {e}"))
    }

    /// The section a term (by slug) names: the one with its slug, else the one the mapping gives it.
    /// `sections` are the store's, slug → name.
    pub fn section_of(&self, term: &str, sections: &HashMap<String, String>) -> Option<SectionRef> {
        let named = |slug: &str| {
            sections.get(slug).map(|name| SectionRef {
                slug: slug.to_string(),
                name: name.clone(),
            })
        };
        named(term).or_else(|| self.sections.get(term).and_then(|s| named(s)))
    }

    /// The section of a post with these terms (in the CMS's order): the first that names one, else the fallback.
    pub fn section_for<'a>(
        &self,
        terms: impl IntoIterator<Item = &'a str>,
        sections: &HashMap<String, String>,
    ) -> Result<SectionRef, String> {
        if let Some(s) = terms.into_iter().find_map(|t| self.section_of(t, sections)) {
            return Ok(s);
        }
        match self.fallback.as_deref() {
            Some(f) => self
                .section_of(f, sections)
                .ok_or_else(|| format!("the fallback section “{f}” does not exist")),
            None => Err(
                "none of its categories or tags names a section, and there is no fallback section"
                    .into(),
            ),
        }
    }
}

/// A CMS's slug as a Broadsheet slug (`is_valid_slug`): WordPress writes non-ASCII slugs percent-encoded
/// (`%e6%97%a5…`) and keeps underscores, which the site's addresses do not take. Decoded, then made of ASCII
/// letters, digits and single hyphens (`topic_slug`'s rule), at most 120 characters; `fallback` when nothing is
/// left. The old address still leads to the article (`redirects`).
pub fn slug_of(raw: &str, fallback: impl FnOnce() -> String) -> String {
    if broadsheet_content::is_valid_slug(raw) {
        return raw.to_string();
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let mut slug = broadsheet_content::topic_slug(&decoded);
    if slug.len() > 120 {
        slug.truncate(120);
        slug = slug.trim_end_matches('-').to_string();
    }
    if broadsheet_content::is_valid_slug(&slug) {
        slug
    } else {
        fallback()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cms_slugs_become_site_slugs() {
        assert_eq!(slug_of("night-buses", || "x".into()), "night-buses");
        assert_eq!(
            slug_of("night_buses_2026", || "x".into()),
            "night-buses-2026"
        );
        assert_eq!(slug_of("caf%c3%a9-reopens", || "x".into()), "caf-reopens");
        assert_eq!(
            slug_of("%e6%97%a5%e6%9c%ac", || "post-12".into()),
            "post-12"
        );
        assert_eq!(slug_of("", || "post-12".into()), "post-12");
    }
}
