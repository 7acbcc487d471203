use serde::{Deserialize, Serialize};

use crate::{Author, Image, Kind, SearchFacts};

/// A section as listed in navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// Every section, in navigation order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sections {
    pub sections: Vec<Section>,
}

/// The short reference to a section carried by articles and teasers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionRef {
    pub slug: String,
    pub name: String,
}

/// What a listing shows of an article. Its page is at `/{section.slug}/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Teaser {
    pub section: SectionRef,
    pub slug: String,
    pub kind: Kind,
    pub headline: String,
    pub standfirst: String,
    #[serde(default)]
    pub byline: Option<String>,
    /// RFC 3339 timestamp.
    pub published: String,
    #[serde(default)]
    pub image: Option<Image>,
}

impl Teaser {
    /// The site path of the article; `None` if its section or slug is not valid (no link is made from it).
    pub fn path(&self) -> Option<String> {
        crate::Page::article(&self.section.slug, &self.slug).map(|p| p.href())
    }
}

/// Where page `page` of a listing shown at `base` lives: `base?page=N`, or `base` itself for page 1. The app's pager
/// and the server's HTML of it both link there.
pub fn page_href(base: &str, page: u32) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}?page={page}")
    }
}

impl Pagination {
    /// Whether page `n` exists: from 1 to the last. A listing asked for a page past the last is not found (404),
    /// on the server's first paint and in the app alike.
    pub fn has_page(&self, n: u32) -> bool {
        (1..=self.pages.max(1)).contains(&n)
    }
}

/// Pagination metadata, as Ghost's Content API gives it. `next`/`prev` are page numbers or null.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pagination {
    pub page: u32,
    pub limit: u32,
    pub pages: u32,
    pub total: u32,
    pub next: Option<u32>,
    pub prev: Option<u32>,
}

impl Pagination {
    /// Pagination for `total` items, `limit` a page, on page `page` (1-based).
    pub fn new(page: u32, limit: u32, total: u32) -> Self {
        let limit = limit.max(1);
        let pages = total.div_ceil(limit).max(1);
        Pagination {
            page,
            limit,
            pages,
            total,
            next: (page < pages).then(|| page + 1),
            prev: (page > 1).then(|| (page - 1).min(pages)),
        }
    }
}

/// A page of articles: a section's, a kind's, a topic's, an author's, all of them (newest first), or a search's
/// results (ranked). One type for every list of articles, so one loader and one view serve them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Listing {
    /// What is listed ("Housing", "Interviews", "Latest news").
    pub title: String,
    pub description: String,
    /// The section when the listing is one section's.
    #[serde(default)]
    pub section: Option<SectionRef>,
    pub articles: Vec<Teaser>,
    pub meta: Pagination,
    /// The writer, when the listing is an author's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// What was searched for and found, when the listing is search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchFacts>,
}

/// One section's block on the front page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionBlock {
    pub section: Section,
    pub articles: Vec<Teaser>,
}

/// The front page's curated collections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontPage {
    pub top_stories: Vec<Teaser>,
    pub sections: Vec<SectionBlock>,
}

crate::reads_fields!(Section {
    slug: String,
    name: String,
    description: String,
});
crate::reads_fields!(Sections {
    sections: Vec<Section>,
});
crate::reads_fields!(SectionRef {
    slug: String,
    name: String,
});
crate::reads_fields!(Teaser {
    section: SectionRef,
    slug: String,
    kind: Kind,
    headline: String,
    standfirst: String,
    byline: Option<String>,
    published: String,
    image: Option<Image>,
});
crate::reads_fields!(Pagination {
    page: u32,
    limit: u32,
    pages: u32,
    total: u32,
    next: Option<u32>,
    prev: Option<u32>,
});
crate::reads_fields!(Listing {
    title: String,
    description: String,
    section: Option<SectionRef>,
    articles: Vec<Teaser>,
    meta: Pagination,
    author: Option<Author>,
    search: Option<SearchFacts>,
});
crate::reads_fields!(SectionBlock {
    section: Section,
    articles: Vec<Teaser>,
});
crate::reads_fields!(FrontPage {
    top_stories: Vec<Teaser>,
    sections: Vec<SectionBlock>,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_hrefs() {
        assert_eq!(page_href("/housing", 1), "/housing");
        assert_eq!(page_href("/housing", 3), "/housing?page=3");
    }

    #[test]
    fn pagination_edges() {
        let p = Pagination::new(1, 10, 0);
        assert_eq!((p.pages, p.next, p.prev), (1, None, None));
        let p = Pagination::new(2, 10, 25);
        assert_eq!((p.pages, p.next, p.prev), (3, Some(3), Some(1)));
        let p = Pagination::new(3, 10, 30);
        assert_eq!((p.pages, p.next, p.prev), (3, None, Some(2)));
        let p = Pagination::new(9, 10, 30);
        assert_eq!((p.pages, p.next, p.prev), (3, None, Some(3)));
    }
}
