//! The site's syndication feeds and their addresses: one definition for the server's routes and the pages'
//! `<link rel="alternate">`. Each scope has an RSS 2.0 feed (`feed.xml`) and an Atom 1.0 feed (`feed.atom`):
//! RSS is what most readers and podcast-era tools ask for, Atom has the stricter dates and ids some aggregators
//! prefer, and both are cheap to offer from one list of items.

use crate::{is_valid_slug, Page};

/// How many items a feed carries: the latest 50.
pub const FEED_ITEMS: u32 = 50;

/// RSS 2.0 or Atom 1.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Rss,
    Atom,
}

impl FeedFormat {
    /// Both formats, RSS first.
    pub const ALL: [FeedFormat; 2] = [FeedFormat::Rss, FeedFormat::Atom];

    /// The file name at the end of the feed's path.
    pub fn file(self) -> &'static str {
        match self {
            FeedFormat::Rss => "feed.xml",
            FeedFormat::Atom => "feed.atom",
        }
    }

    /// The media type, for `Content-Type` and `<link type>`.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
        }
    }

    fn from_file(file: &str) -> Option<FeedFormat> {
        FeedFormat::ALL.into_iter().find(|f| f.file() == file)
    }
}

/// Whose articles a feed carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every article: `/feed.xml`.
    Site,
    /// One section's: `/{section}/feed.xml`.
    Section(String),
    /// One topic's: `/topics/{topic}/feed.xml`.
    Topic(String),
    /// One author's: `/authors/{author}/feed.xml`.
    Author(String),
    /// One live blog's posts, newest first: `/{section}/{slug}/feed.xml`.
    Live { section: String, slug: String },
}

impl FeedScope {
    /// The page whose articles the feed carries.
    pub fn page(&self) -> Page {
        match self {
            FeedScope::Site => Page::Front,
            FeedScope::Section(s) => Page::Section {
                section: s.clone(),
                page: 1,
            },
            FeedScope::Topic(t) => Page::Topic {
                topic: t.clone(),
                page: 1,
            },
            FeedScope::Author(a) => Page::Author {
                author: a.clone(),
                page: 1,
            },
            FeedScope::Live { section, slug } => Page::Article {
                section: section.clone(),
                slug: slug.clone(),
                with: None,
            },
        }
    }
}

/// One feed: a scope in a format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Feed {
    pub scope: FeedScope,
    pub format: FeedFormat,
}

impl Feed {
    /// The feed's path on the site.
    pub fn href(&self) -> String {
        let file = self.format.file();
        match &self.scope {
            FeedScope::Site => format!("/{file}"),
            _ => format!("{}/{file}", self.scope.page().href()),
        }
    }

    /// The feed at `path`, if it is one; slugs are checked (a section's slug must be one a section may have).
    pub fn parse(path: &str) -> Option<Feed> {
        let (dir, file) = path.rsplit_once('/')?;
        let format = FeedFormat::from_file(file)?;
        let scope = match dir {
            "" => FeedScope::Site,
            _ => match Page::parse(dir, None)? {
                Page::Section { section, page: 1 } => FeedScope::Section(section),
                Page::Topic { topic, page: 1 } => FeedScope::Topic(topic),
                Page::Author { author, page: 1 } => FeedScope::Author(author),
                Page::Article {
                    section,
                    slug,
                    with: None,
                } => FeedScope::Live { section, slug },
                _ => return None,
            },
        };
        Some(Feed { scope, format })
    }

    /// The feeds of the page at `page`, in both formats: a section's, topic's or author's page has its own feed;
    /// every other page the site's.
    pub fn of_page(page: Option<&Page>) -> Vec<Feed> {
        let scope = match page {
            Some(Page::Section { section, .. }) if is_valid_slug(section) => {
                FeedScope::Section(section.clone())
            }
            Some(Page::Topic { topic, .. }) if is_valid_slug(topic) => {
                FeedScope::Topic(topic.clone())
            }
            Some(Page::Author { author, .. }) if is_valid_slug(author) => {
                FeedScope::Author(author.clone())
            }
            _ => FeedScope::Site,
        };
        FeedFormat::ALL
            .into_iter()
            .map(|format| Feed {
                scope: scope.clone(),
                format,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for scope in [
            FeedScope::Site,
            FeedScope::Section("housing".into()),
            FeedScope::Topic("council-housing".into()),
            FeedScope::Author("priya-natarajan".into()),
            FeedScope::Live {
                section: "finance".into(),
                slug: "budget-night-live".into(),
            },
        ] {
            for format in FeedFormat::ALL {
                let feed = Feed {
                    scope: scope.clone(),
                    format,
                };
                assert_eq!(Feed::parse(&feed.href()), Some(feed));
            }
        }
        assert_eq!(
            Feed::parse("/feed.xml").map(|f| f.href()).as_deref(),
            Some("/feed.xml")
        );
        assert_eq!(
            Feed::parse("/housing/feed.atom")
                .map(|f| f.href())
                .as_deref(),
            Some("/housing/feed.atom")
        );
    }

    #[test]
    fn an_article_path_names_its_live_blogs_feed() {
        // Any article's path parses; the server answers 404 for an article that is not a live blog.
        assert_eq!(
            Feed::parse("/housing/a-story/feed.xml").map(|f| f.scope),
            Some(FeedScope::Live {
                section: "housing".into(),
                slug: "a-story".into()
            })
        );
    }

    #[test]
    fn other_paths_are_not_feeds() {
        for path in [
            "/feed.rss",
            "/latest/feed.xml",
            "/Housing/feed.xml",
            "/housing/a-story/more/feed.xml",
            "/api/feed.xml",
            "feed.xml",
        ] {
            assert_eq!(Feed::parse(path), None, "{path}");
        }
    }

    #[test]
    fn pages_name_their_feeds() {
        let section = Page::Section {
            section: "housing".into(),
            page: 2,
        };
        let hrefs: Vec<String> = Feed::of_page(Some(&section))
            .iter()
            .map(Feed::href)
            .collect();
        assert_eq!(hrefs, ["/housing/feed.xml", "/housing/feed.atom"]);
        let hrefs: Vec<String> = Feed::of_page(None).iter().map(Feed::href).collect();
        assert_eq!(hrefs, ["/feed.xml", "/feed.atom"]);
    }
}
