//! Every page the site has, as one typed definition: the app's router and links, the server's first paint and
//! status codes, the page data the server hands over and the prefetch of articles all go through [`Page`], so a
//! path, its API answer and its link are written down once.

use crate::{is_reserved_slug, is_valid_slug, Kind, SearchSort};

/// A page of the site. A path that is none of these is the not-found page ([`Page::parse`] answers `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`: top stories and a block per section.
    Front,
    /// `/latest?page=N`: the newest news from every section.
    Latest { page: u32 },
    /// `/{section}?page=N`: a section's articles, newest first.
    Section { section: String, page: u32 },
    /// `/{section}/{slug}`: an article; a live blog's older page is `?page=with:{post id}` (`crate::live`).
    Article {
        section: String,
        slug: String,
        with: Option<String>,
    },
    /// `/kinds/{kind}?page=N`: every piece of one kind (the rails' "more" links). News is [`Page::Latest`].
    Kind { kind: Kind, page: u32 },
    /// `/topics/{topic}?page=N`: the articles filed under a topic.
    Topic { topic: String, page: u32 },
    /// `/authors/{author}?page=N`: a writer and their articles.
    Author { author: String, page: u32 },
    /// `/search?q=…&section=…&sort=date&page=N`: search results (an empty `query` shows the search form).
    Search {
        query: String,
        section: Option<String>,
        sort: SearchSort,
        page: u32,
    },
    /// `/saved`: the articles saved on this device (the app alone draws it).
    Saved,
}

/// The pages the server alone serves, with no app: readers' comment forms, the newsletter's, the privacy notice,
/// editors' previews and the page for partners (each path and everything under it). The service worker leaves them to the network, and the
/// app, should its router be given one, asks the server for it.
pub const SERVER_PAGES: [&str; 5] = [
    crate::COMMENT_PATH,
    crate::NEWSLETTER_PATH,
    crate::PRIVACY_PATH,
    crate::PREVIEW_PATH,
    crate::widget::BUILDER_PATH,
];

/// True if the server alone serves `path` ([`SERVER_PAGES`]); a path is one of them or under one.
pub fn is_server_page(path: &str) -> bool {
    SERVER_PAGES.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The content API path of the section list (the masthead's, the snippet builder's).
pub const SECTIONS_API_PATH: &str = "/sections";
/// The content API path of the rails, one answer for every page.
pub const RAILS_API_PATH: &str = "/rails";

/// Page 1 is the first page; `?page=N` counts from there.
pub const FIRST_PAGE: u32 = 1;

impl Page {
    /// The page at `path` with the URL's `query` (without `?`), or `None` for the not-found page. A trailing slash
    /// is ignored; `page` is the only query parameter read, and anything but a whole number from 1 is page 1.
    pub fn parse(path: &str, query: Option<&str>) -> Option<Page> {
        let page = page_param(query.unwrap_or(""));
        let trimmed = path.strip_prefix('/')?;
        let parts: Vec<&str> = if trimmed.is_empty() {
            Vec::new()
        } else {
            trimmed
                .strip_suffix('/')
                .unwrap_or(trimmed)
                .split('/')
                .collect()
        };
        match parts[..] {
            [] => Some(Page::Front),
            ["latest"] => Some(Page::Latest { page }),
            ["saved"] => Some(Page::Saved),
            ["kinds", kind] => Kind::from_slug(kind).map(|kind| Page::of_kind(kind).at_page(page)),
            ["topics", topic] if is_valid_slug(topic) => Some(Page::Topic {
                topic: topic.to_string(),
                page,
            }),
            ["search"] => Some(search_page(query.unwrap_or(""))),
            ["authors", author] if is_valid_slug(author) => Some(Page::Author {
                author: author.to_string(),
                page,
            }),
            [section] if is_section(section) => Some(Page::Section {
                section: section.to_string(),
                page,
            }),
            [section, slug] if is_section(section) && is_valid_slug(slug) => Some(Page::Article {
                section: section.to_string(),
                slug: slug.to_string(),
                with: live_page(query.unwrap_or("")),
            }),
            _ => None,
        }
    }

    /// The first page of every piece of `kind`: [`Page::Latest`] for news (one page, one address), else
    /// [`Page::Kind`].
    pub fn of_kind(kind: Kind) -> Page {
        match kind {
            Kind::News => Page::Latest { page: FIRST_PAGE },
            kind => Page::Kind {
                kind,
                page: FIRST_PAGE,
            },
        }
    }

    /// A section's first page, if `slug` (from the API) is a slug a section may have; `None` otherwise, so no
    /// link is made from it.
    pub fn section(slug: &str) -> Option<Page> {
        is_section(slug).then(|| Page::Section {
            section: slug.to_string(),
            page: FIRST_PAGE,
        })
    }

    /// An article's page, if `section` and `slug` (from the API) are valid; `None` otherwise, so no link is made.
    pub fn article(section: &str, slug: &str) -> Option<Page> {
        (is_section(section) && is_valid_slug(slug)).then(|| Page::Article {
            section: section.to_string(),
            slug: slug.to_string(),
            with: None,
        })
    }

    /// A topic's first page, if `slug` (from the API) is valid; `None` otherwise, so no link is made.
    pub fn topic(slug: &str) -> Option<Page> {
        is_valid_slug(slug).then(|| Page::Topic {
            topic: slug.to_string(),
            page: FIRST_PAGE,
        })
    }

    /// An author's first page, if `slug` (from the API) is valid; `None` otherwise, so no link is made.
    pub fn author(slug: &str) -> Option<Page> {
        is_valid_slug(slug).then(|| Page::Author {
            author: slug.to_string(),
            page: FIRST_PAGE,
        })
    }

    /// The page's path and query, as the site links to it: `page=1` is left out.
    pub fn href(&self) -> String {
        match self {
            Page::Front => "/".to_string(),
            Page::Latest { page } => with_page("/latest".to_string(), *page),
            Page::Section { section, page } => with_page(format!("/{section}"), *page),
            Page::Article {
                section,
                slug,
                with: None,
            } => format!("/{section}/{slug}"),
            Page::Article {
                section,
                slug,
                with: Some(id),
            } => format!("/{section}/{slug}?page={}", crate::live::page_of(id)),
            Page::Kind { kind, page } => with_page(format!("/kinds/{}", kind.slug()), *page),
            Page::Topic { topic, page } => with_page(format!("/topics/{topic}"), *page),
            Page::Author { author, page } => with_page(format!("/authors/{author}"), *page),
            Page::Search { .. } => match self.search_query(false) {
                q if q.is_empty() => "/search".to_string(),
                q => format!("/search?{q}"),
            },
            Page::Saved => "/saved".to_string(),
        }
    }

    /// The content API path (under `/api/v1`) of the answer the page shows, or `None` for pages drawn from this
    /// device alone. Listings always name their page, so an answer has one path.
    pub fn api_path(&self) -> Option<String> {
        match self {
            Page::Front => Some("/front".to_string()),
            Page::Latest { page } => Some(format!("/articles?kind=news&page={page}")),
            Page::Section { section, page } => Some(format!("/sections/{section}?page={page}")),
            Page::Article {
                section,
                slug,
                with: None,
            } => Some(format!("/articles/{section}/{slug}")),
            Page::Article {
                section,
                slug,
                with: Some(id),
            } => Some(format!(
                "/articles/{section}/{slug}?page={}",
                crate::live::page_of(id)
            )),
            Page::Kind { kind, page } => {
                Some(format!("/articles?kind={}&page={page}", kind.slug()))
            }
            Page::Topic { topic, page } => Some(format!("/topics/{topic}?page={page}")),
            Page::Author { author, page } => Some(format!("/authors/{author}?page={page}")),
            Page::Search { .. } => Some(format!("/search?{}", self.search_query(true))),
            Page::Saved => None,
        }
    }

    /// The comments of an article, `/articles/{section}/{slug}/comments` (under `/api/v1`); `None` for other pages.
    pub fn comments_api_path(&self) -> Option<String> {
        match self {
            Page::Article { section, slug, .. } => {
                Some(format!("/articles/{section}/{slug}/comments"))
            }
            _ => None,
        }
    }

    /// The same listing at another page number; other pages are returned unchanged.
    pub fn at_page(&self, n: u32) -> Page {
        let n = n.max(FIRST_PAGE);
        match self {
            Page::Latest { .. } => Page::Latest { page: n },
            Page::Section { section, .. } => Page::Section {
                section: section.clone(),
                page: n,
            },
            Page::Kind { kind, .. } => Page::Kind {
                kind: *kind,
                page: n,
            },
            Page::Topic { topic, .. } => Page::Topic {
                topic: topic.clone(),
                page: n,
            },
            Page::Author { author, .. } => Page::Author {
                author: author.clone(),
                page: n,
            },
            Page::Search {
                query,
                section,
                sort,
                ..
            } => Page::Search {
                query: query.clone(),
                section: section.clone(),
                sort: *sort,
                page: n,
            },
            other => other.clone(),
        }
    }

    /// The page number of a listing; 1 for other pages.
    pub fn page_number(&self) -> u32 {
        match self {
            Page::Latest { page }
            | Page::Section { page, .. }
            | Page::Kind { page, .. }
            | Page::Topic { page, .. }
            | Page::Author { page, .. }
            | Page::Search { page, .. } => *page,
            _ => FIRST_PAGE,
        }
    }

    /// The query of a search page as typed, `""` on other pages: the masthead's search box shows it.
    pub fn search_text(&self) -> &str {
        match self {
            Page::Search { query, .. } => query,
            _ => "",
        }
    }

    /// The slug of the section the page belongs to (the masthead marks it), `""` on the front page, `"latest"` on
    /// the latest news, and `None` elsewhere.
    pub fn nav_slug(&self) -> Option<&str> {
        match self {
            Page::Front => Some(""),
            Page::Latest { .. } => Some("latest"),
            Page::Section { section, .. } | Page::Article { section, .. } => Some(section),
            _ => None,
        }
    }
}

impl Page {
    /// A search page's query string: `q`, then `section` and `sort` when set and `page` after the first; `full`
    /// (for the API) names every one, so an answer has one path.
    fn search_query(&self, full: bool) -> String {
        let Page::Search {
            query,
            section,
            sort,
            page,
        } = self
        else {
            return String::new();
        };
        let mut s = form_urlencoded::Serializer::new(String::new());
        if full || !query.is_empty() {
            s.append_pair("q", query);
        }
        if let Some(section) = section {
            s.append_pair("section", section);
        }
        if full || *sort != SearchSort::Relevance {
            s.append_pair("sort", sort.as_str());
        }
        if full || *page > FIRST_PAGE {
            s.append_pair("page", &page.to_string());
        }
        s.finish()
    }
}

/// The search page of a query string: `q` as typed (its first [`crate::limits::MAX_QUERY_CHARS`] characters), `section` if it is one a section may have, `sort`, `page`.
fn search_page(query: &str) -> Page {
    let (mut q, mut section, mut sort, mut page) =
        (String::new(), None, SearchSort::Relevance, FIRST_PAGE);
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "q" => q = v.chars().take(crate::limits::MAX_QUERY_CHARS).collect(),
            "section" if is_section(&v) => section = Some(v.into_owned()),
            "sort" => sort = SearchSort::parse(&v).unwrap_or_default(),
            "page" => {
                page = v
                    .trim()
                    .parse()
                    .ok()
                    .filter(|p| *p >= FIRST_PAGE)
                    .unwrap_or(FIRST_PAGE)
            }
            _ => {}
        }
    }
    Page::Search {
        query: q,
        section,
        sort,
        page,
    }
}

/// True for a slug a section may have: valid and not one of the app's own paths.
fn is_section(slug: &str) -> bool {
    is_valid_slug(slug) && !is_reserved_slug(slug)
}

/// The `page` parameter of a query string; 1 when missing or not a whole number from 1.
pub fn page_param(query: &str) -> u32 {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= FIRST_PAGE)
        .unwrap_or(FIRST_PAGE)
}

/// The post a live blog's page is anchored at, from a query string's `page=with:{id}`; `None` for the first page.
pub fn live_page(query: &str) -> Option<String> {
    // Ids are letters, digits and hyphens: nothing in them is percent-encoded.
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|v| crate::live::post_of_page(v).map(str::to_string))
}

fn with_page(base: String, page: u32) -> String {
    crate::page_href(&base, page)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::RESERVED_SLUGS;

    #[test]
    fn paths_to_pages() {
        assert_eq!(Page::parse("/", None), Some(Page::Front));
        assert_eq!(Page::parse("/", Some("page=3")), Some(Page::Front));
        assert_eq!(
            Page::parse("/housing", Some("page=2")),
            Some(Page::Section {
                section: "housing".into(),
                page: 2
            })
        );
        assert_eq!(
            Page::parse("/housing/", None),
            Some(Page::Section {
                section: "housing".into(),
                page: 1
            })
        );
        assert_eq!(
            Page::parse("/housing/a-story", Some("utm_source=x")),
            Some(Page::Article {
                section: "housing".into(),
                slug: "a-story".into(),
                with: None,
            })
        );
        assert_eq!(
            Page::parse("/housing/a-story", Some("page=with:p-3")),
            Some(Page::Article {
                section: "housing".into(),
                slug: "a-story".into(),
                with: Some("p-3".into()),
            })
        );
        assert_eq!(
            Page::parse("/kinds/last_word", None),
            Some(Page::Kind {
                kind: Kind::LastWord,
                page: 1
            })
        );
        assert_eq!(
            Page::parse("/latest", Some("page=x")),
            Some(Page::Latest { page: 1 })
        );
        // News by kind is the latest news: one address for one page.
        assert_eq!(
            Page::parse("/kinds/news", Some("page=2")),
            Some(Page::Latest { page: 2 })
        );
        assert_eq!(Page::parse("/saved", None), Some(Page::Saved));
        for missing in [
            "",
            "//",
            "/a/b/c",
            "/kinds/other",
            "/kinds/nope",
            "/Housing",
            "/housing/A",
            "/a--b",
            "/icons/favicon.svg",
            "/embed/housing",
            "/media/x.svg",
            "/sw.js",
            "/api/v1/front",
        ] {
            assert_eq!(Page::parse(missing, None), None, "{missing}");
        }
    }

    #[test]
    fn no_section_or_article_under_a_reserved_slug() {
        for slug in RESERVED_SLUGS {
            let page = Page::parse(&format!("/{slug}"), None);
            assert!(
                !matches!(page, Some(Page::Section { .. })),
                "/{slug} is the app's own path, not a section"
            );
            assert!(
                !matches!(
                    Page::parse(&format!("/{slug}/a-story"), None),
                    Some(Page::Article { .. })
                ),
                "/{slug}/a-story"
            );
        }
        // The app's own pages are all reserved, so no section can hide one.
        for own in [
            "latest", "saved", "embed", "kinds", "topics", "authors", "search",
        ] {
            assert!(RESERVED_SLUGS.contains(&own), "{own}");
        }
    }

    #[test]
    fn links_are_made_only_from_valid_slugs() {
        assert_eq!(
            Page::section("housing").map(|p| p.href()).as_deref(),
            Some("/housing")
        );
        assert_eq!(Page::section("/evil.example"), None);
        assert_eq!(Page::section("latest"), None);
        assert_eq!(
            Page::article("housing", "a-b").map(|p| p.href()).as_deref(),
            Some("/housing/a-b")
        );
        assert_eq!(Page::article("/evil.example", "x"), None);
        assert_eq!(Page::article("housing", "x/../../y"), None);
    }

    #[test]
    fn api_paths() {
        let p = |path, query| Page::parse(path, query).and_then(|p| p.api_path());
        assert_eq!(p("/", None).as_deref(), Some("/front"));
        assert_eq!(
            p("/housing", None).as_deref(),
            Some("/sections/housing?page=1")
        );
        assert_eq!(
            p("/housing", Some("page=4")).as_deref(),
            Some("/sections/housing?page=4")
        );
        assert_eq!(
            p("/housing/a-b", None).as_deref(),
            Some("/articles/housing/a-b")
        );
        assert_eq!(
            p("/latest", None).as_deref(),
            Some("/articles?kind=news&page=1")
        );
        assert_eq!(
            p("/kinds/last_word", Some("page=2")).as_deref(),
            Some("/articles?kind=last_word&page=2")
        );
        assert_eq!(p("/saved", None), None);
        let article = Page::parse("/housing/a-b", None);
        assert_eq!(
            article.and_then(|a| a.comments_api_path()).as_deref(),
            Some("/articles/housing/a-b/comments")
        );
    }

    /// The service worker's API URL patterns (`public/sw.js`: the lines that `.test(path)`), as Rust regexes.
    fn worker_patterns() -> Vec<regex::Regex> {
        let sw = include_str!("../../../public/sw.js");
        sw.lines()
            .filter(|l| l.contains(".test(path)"))
            .filter_map(|l| {
                let from = l.find("(/^")? + 2;
                let to = l.find("$/.test").or_else(|| l.find("/.test"))?;
                let end = if l[to..].starts_with('$') { to + 1 } else { to };
                regex::Regex::new(&l[from..end].replace("\\/", "/")).ok()
            })
            .collect()
    }

    #[test]
    fn the_service_worker_leaves_the_server_pages_to_the_server() {
        let sw = include_str!("../../../public/sw.js");
        let line = sw
            .lines()
            .find(|l| l.starts_with("const SERVER_PAGES"))
            .expect("sw.js lists the pages the server alone serves");
        for path in SERVER_PAGES {
            assert!(line.contains(&format!("'{path}'")), "{path} in {line}");
            assert_eq!(Page::parse(path, None), None, "{path} is no app page");
            assert!(is_server_page(path) && is_server_page(&format!("{path}/x")));
        }
        assert!(!is_server_page("/embedded-reporting") && !is_server_page("/housing"));
    }

    #[test]
    fn the_service_worker_caches_every_answer_a_page_reads() {
        let patterns = worker_patterns();
        assert_eq!(
            patterns.len(),
            2,
            "the worker's article and listing patterns"
        );
        let (articles, listings) = (&patterns[0], &patterns[1]);
        let article = Page::Article {
            section: "housing".into(),
            slug: "a-story".into(),
            with: None,
        };
        for path in [article.api_path(), article.comments_api_path()]
            .into_iter()
            .flatten()
        {
            assert!(
                articles.is_match(&path),
                "{path} is kept for offline reading"
            );
        }
        let pages = [
            Page::Front,
            Page::Latest { page: 2 },
            Page::Section {
                section: "housing".into(),
                page: 1,
            },
            Page::Kind {
                kind: Kind::Interview,
                page: 3,
            },
            Page::Topic {
                topic: "council-housing".into(),
                page: 1,
            },
            Page::Author {
                author: "priya-natarajan".into(),
                page: 2,
            },
        ];
        let listing_paths = pages.iter().filter_map(Page::api_path);
        for path in listing_paths.chain([SECTIONS_API_PATH.into(), RAILS_API_PATH.into()]) {
            // The worker matches the URL's path, without its query.
            let path = path.split('?').next().unwrap_or_default().to_string();
            assert!(
                listings.is_match(&path),
                "{path} is kept stale-while-revalidate"
            );
        }
        // Most read changes with every read, and a view is a count; a live blog's changes are new every few
        // seconds (offline, a saved copy says its updates are paused instead): none is ever stored.
        let changes = crate::live::changes_api_path("housing", "a-story", 12);
        let changes = changes.split('?').next().unwrap_or_default();
        for path in [
            crate::reads::MOST_READ_API_PATH,
            crate::reads::READS_API_PATH,
            changes,
        ] {
            assert!(
                !listings.is_match(path) && !articles.is_match(path),
                "{path} is never stored"
            );
        }
    }

    fn slug() -> impl Strategy<Value = String> + Clone {
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
    }

    fn section() -> impl Strategy<Value = String> {
        slug().prop_filter("not reserved", |s| !crate::is_reserved_slug(s))
    }

    fn page() -> impl Strategy<Value = Page> {
        let n = 1u32..10_000;
        prop_oneof![
            Just(Page::Front),
            Just(Page::Saved),
            Just(Page::of_kind(Kind::News)),
            n.clone().prop_map(|page| Page::Latest { page }),
            (section(), n.clone()).prop_map(|(section, page)| Page::Section { section, page }),
            (section(), slug(), proptest::option::of("[a-z0-9-]{1,12}")).prop_map(
                |(section, slug, with)| Page::Article {
                    section,
                    slug,
                    with
                }
            ),
            (proptest::sample::select(Kind::ALL[1..].to_vec()), n.clone())
                .prop_map(|(kind, page)| Page::Kind { kind, page }),
            (slug(), n.clone()).prop_map(|(topic, page)| Page::Topic { topic, page }),
            (slug(), n.clone()).prop_map(|(author, page)| Page::Author { author, page }),
            (
                "[ -~]{0,20}|\\PC{0,12}",
                proptest::option::of(section()),
                proptest::bool::ANY,
                n
            )
                .prop_map(|(query, section, date, page)| Page::Search {
                    query,
                    section,
                    sort: if date {
                        SearchSort::Date
                    } else {
                        SearchSort::Relevance
                    },
                    page,
                }),
        ]
    }

    proptest! {
        #[test]
        fn every_link_leads_back_to_its_page(p in page()) {
            let href = p.href();
            let (path, query) = match href.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (href.as_str(), None),
            };
            prop_assert_eq!(Page::parse(path, query), Some(p));
        }

        #[test]
        fn any_path_parses_without_panic(path in "/[ -~]{0,40}", query in "[ -~]{0,20}") {
            let _ = Page::parse(&path, Some(&query));
        }
    }
}
