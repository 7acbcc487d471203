//! Surrogate keys (Fastly's `Surrogate-Key`, Varnish's `xkey`): each cacheable answer names what it shows, and a
//! change purges the keys it touched, so shared caches can keep answers for a day and still show an edit at once.
//!
//! The rule, which `db::write::changes` follows when it decides what to purge:
//! - every answer that shows an article, whole or as a teaser, carries [`article`]`(section, slug)`: an edit to
//!   that article purges it;
//! - a listing carries the key of what decides its membership and order ([`section`], [`kind`], [`topic`],
//!   [`author`], [`ARTICLES`], [`SEARCH`]): an article that joins, leaves or moves in it purges that key;
//! - answers built from every section ([`SECTIONS`], the masthead of every page), the front page ([`FRONT`]) and
//!   the rails ([`RAILS`], beside every page) carry those keys.

use std::collections::BTreeSet;

use broadsheet_content::{Article, FrontPage, Kind, Listing, Page, Rails, Sections, Teaser};

/// The front page's answer and page.
pub const FRONT: &str = "front";
/// The rails, shown beside every page.
pub const RAILS: &str = "rails";
/// The section list: the masthead of every page.
pub const SECTIONS: &str = "sections";
/// Listings of every article (`/api/v1/articles`, the site's feeds).
pub const ARTICLES: &str = "articles";
/// Search answers: any change to any article's text may change them.
pub const SEARCH: &str = "search";
/// The sitemaps: any article added, removed or updated changes them.
pub const SITEMAPS: &str = "sitemaps";
/// Images under `/media`.
pub const MEDIA: &str = "media";
/// Every page written as HTML: the app's build (its `index.html`) is inside each.
pub const APP: &str = "app";

/// The key of one article: its page, its API answer, its comments and every teaser of it.
pub fn article(section: &str, slug: &str) -> String {
    format!("article:{section}/{slug}")
}

/// The key of a live blog's changes (`/api/v1/live/{section}/{slug}/changes`), purged by each of its changes.
pub fn live(section: &str, slug: &str) -> String {
    format!("live:{section}/{slug}")
}

/// The key of a section's listing, its feed and its widget.
pub fn section(slug: &str) -> String {
    format!("section:{slug}")
}

/// The key of the listing of one kind (`kind:news` is `/latest`).
pub fn kind(kind: Kind) -> String {
    format!("kind:{}", kind.slug())
}

/// The key of a topic's page and listing.
pub fn topic(slug: &str) -> String {
    format!("topic:{slug}")
}

/// The key of an author's page and listing.
pub fn author(slug: &str) -> String {
    format!("author:{slug}")
}

/// A set of surrogate keys, sorted and without repeats.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Keys(BTreeSet<String>);

impl Keys {
    pub fn new() -> Self {
        Keys::default()
    }

    /// The set of these keys.
    pub fn of<I: IntoIterator<Item = S>, S: Into<String>>(keys: I) -> Self {
        Keys(keys.into_iter().map(Into::into).collect())
    }

    pub fn add(&mut self, key: impl Into<String>) {
        self.0.insert(key.into());
    }

    /// Adds what `item` depends on.
    pub fn depend_on(&mut self, item: &(impl DependsOn + ?Sized)) {
        item.add_keys(self);
    }

    pub fn extend(&mut self, other: Keys) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The keys as one header value: separated by spaces, as `Surrogate-Key` and `xkey` are.
    pub fn header_value(&self) -> String {
        self.iter().collect::<Vec<_>>().join(" ")
    }
}

/// What an answer's content depends on.
pub trait DependsOn {
    fn add_keys(&self, keys: &mut Keys);
}

impl DependsOn for Teaser {
    fn add_keys(&self, keys: &mut Keys) {
        keys.add(article(&self.section.slug, &self.slug));
    }
}

impl DependsOn for [Teaser] {
    fn add_keys(&self, keys: &mut Keys) {
        self.iter().for_each(|t| t.add_keys(keys));
    }
}

/// An article, its comment count, its section's and topics' names, and its related articles: the teasers of
/// them, and which they are (those sharing its topics, then the newest of its section, so an article that joins
/// or leaves its section or topics changes them).
impl DependsOn for Article {
    fn add_keys(&self, keys: &mut Keys) {
        keys.add(article(&self.section.slug, &self.slug));
        keys.add(section(&self.section.slug));
        for t in &self.topics {
            keys.add(topic(&t.slug));
        }
        keys.depend_on(self.related.as_slice());
    }
}

/// A listing's teasers; what decides its membership comes from the request ([`page`]).
impl DependsOn for Listing {
    fn add_keys(&self, keys: &mut Keys) {
        keys.depend_on(self.articles.as_slice());
    }
}

impl DependsOn for FrontPage {
    fn add_keys(&self, keys: &mut Keys) {
        keys.add(FRONT);
        keys.depend_on(self.top_stories.as_slice());
        for block in &self.sections {
            keys.depend_on(block.articles.as_slice());
        }
        keys.add(SECTIONS);
    }
}

impl DependsOn for Rails {
    fn add_keys(&self, keys: &mut Keys) {
        keys.add(RAILS);
        for rail in &self.rails {
            keys.depend_on(rail.items.as_slice());
        }
    }
}

impl DependsOn for Sections {
    fn add_keys(&self, keys: &mut Keys) {
        keys.add(SECTIONS);
    }
}

/// The keys that decide what `page` shows, found or not: a page not found today (an article not yet
/// published) is purged by the change that makes it.
pub fn page(page: &Page) -> Keys {
    let mut keys = Keys::new();
    match page {
        Page::Front => keys.add(FRONT),
        Page::Latest { .. } => keys.add(kind(Kind::News)),
        Page::Section { section: s, .. } => {
            keys.add(section(s));
            keys.add(SECTIONS);
        }
        Page::Article {
            section: s, slug, ..
        } => keys.add(article(s, slug)),
        Page::Kind { kind: k, .. } => keys.add(kind(*k)),
        Page::Topic { topic: t, .. } => keys.add(topic(t)),
        Page::Author { author: a, .. } => keys.add(author(a)),
        Page::Search { .. } => keys.add(SEARCH),
        Page::Saved => {}
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_content::SectionRef;

    fn teaser(section: &str, slug: &str) -> Teaser {
        Teaser {
            slug: slug.into(),
            kind: Kind::News,
            headline: "A headline".into(),
            standfirst: String::new(),
            byline: None,
            published: "2026-06-30T23:30:00Z".into(),
            image: None,
            section: SectionRef {
                slug: section.into(),
                name: section.into(),
            },
        }
    }

    #[test]
    fn a_front_page_depends_on_each_teaser_it_shows_and_on_the_front_key() {
        let front = FrontPage {
            top_stories: vec![teaser("policy", "budget"), teaser("health", "wards")],
            sections: Vec::new(),
        };
        let mut keys = Keys::new();
        keys.depend_on(&front);
        assert_eq!(
            keys.header_value(),
            "article:health/wards article:policy/budget front sections"
        );
    }

    #[test]
    fn pages_name_the_keys_that_decide_them() {
        let p = Page::parse("/policy/budget", None).expect("an article page");
        assert_eq!(page(&p).header_value(), "article:policy/budget");
        let p = Page::parse("/latest", Some("page=2")).expect("the latest page");
        assert_eq!(page(&p).header_value(), "kind:news");
        let p = Page::parse("/topics/housing", None).expect("a topic page");
        assert_eq!(page(&p).header_value(), "topic:housing");
    }
}
