//! One answer per question: what the content API answers for each of its reading endpoints, the surrogate keys
//! the answer depends on and how long it may be kept. The API handlers and the first paint (`broadsheet-server`'s `prerender`)
//! both call [`answer`], so a page's data and the API's JSON for it cannot differ.
//!
//! A question comes from the API's parameters (the web server's `http::extract`, which refuse what the limits in
//! `broadsheet_content::limits` do not allow) or from a page ([`Ask::for_page`]).

use broadsheet_content::limits::DEFAULT_LIMIT;
use broadsheet_content::live::Live;
use broadsheet_content::reads::{COUNTING_ANCHOR, MOST_READ_ITEMS, MOST_READ_RAIL};
use broadsheet_content::{
    Article, CommentsPage, FrontPage, Kind, Listing, Page, Pagination, Rail, Rails, Sections,
    PRIVACY_PATH,
};

use crate::db::sql::{Conn, OptionalExtension};
use crate::db::{live, people, queries, reads, DbResult, ListFilter, StoreError};
use crate::keys::{self, Keys};
use crate::search::{self, Freshness, Search, SearchRequest};

/// Which page of a listing, and how many articles a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// From 1.
    pub page: u32,
    pub limit: u32,
}

impl Window {
    /// Page `page` at the default size, as pages ask.
    pub fn page(page: u32) -> Self {
        Window {
            page,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// A question the content API answers: one per reading endpoint, its parameters already within the limits.
#[derive(Debug, Clone)]
pub enum Ask {
    /// `/front`.
    Front,
    /// `/sections`.
    Sections,
    /// `/rails`.
    Rails,
    /// `/sections/{slug}`.
    Section { slug: String, at: Window },
    /// `/articles?kind=…&tag=…`: `topic` is a topic's slug.
    Articles {
        kind: Option<Kind>,
        topic: Option<String>,
        at: Window,
    },
    /// `/articles/{section}/{slug}?page=with:{post}`: `with` picks a live blog's page (`broadsheet_content::live`).
    Article {
        section: String,
        slug: String,
        with: Option<String>,
    },
    /// `/live/{section}/{slug}/changes?after=SEQ`: what changed in a live blog since change `after`.
    LiveChanges {
        section: String,
        slug: String,
        after: u64,
    },
    /// `/articles/{section}/{slug}/comments`.
    Comments { section: String, slug: String },
    /// `/topics/{slug}`.
    Topic { slug: String, at: Window },
    /// `/authors/{slug}`.
    Author { slug: String, at: Window },
    /// `/search?q=…`.
    Search(SearchRequest),
    /// `/most-read?section=…`: the site's most read, or a section's (a slug).
    MostRead { section: Option<String> },
}

impl Ask {
    /// The question `page` asks of the API (its `Page::api_path`); `None` for pages drawn from the device alone.
    pub fn for_page(page: &Page) -> Option<Ask> {
        Some(match page.clone() {
            Page::Front => Ask::Front,
            Page::Latest { page } => Ask::Articles {
                kind: Some(Kind::News),
                topic: None,
                at: Window::page(page),
            },
            Page::Kind { kind, page } => Ask::Articles {
                kind: Some(kind),
                topic: None,
                at: Window::page(page),
            },
            Page::Section { section, page } => Ask::Section {
                slug: section,
                at: Window::page(page),
            },
            Page::Article {
                section,
                slug,
                with,
            } => Ask::Article {
                section,
                slug,
                with,
            },
            Page::Topic { topic, page } => Ask::Topic {
                slug: topic,
                at: Window::page(page),
            },
            Page::Author { author, page } => Ask::Author {
                slug: author,
                at: Window::page(page),
            },
            Page::Search {
                query,
                section,
                sort,
                page,
            } => Ask::Search(SearchRequest {
                query,
                section,
                sort,
                page,
                limit: DEFAULT_LIMIT,
            }),
            Page::Saved => return None,
        })
    }
}

/// An answer of the content API.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Front(FrontPage),
    Sections(Sections),
    Rails(Rails),
    Listing(Listing),
    Article(Article),
    Comments(CommentsPage),
    /// The most read list (`broadsheet_content::reads`).
    Rail(Rail),
    /// A live blog's changes (`broadsheet_content::live`).
    LiveChanges(Live),
}

impl Answer {
    /// The answer as the API's JSON.
    pub fn to_json(&self) -> serde_json::Result<String> {
        match self {
            Answer::Front(a) => serde_json::to_string(a),
            Answer::Sections(a) => serde_json::to_string(a),
            Answer::Rails(a) => serde_json::to_string(a),
            Answer::Listing(a) => serde_json::to_string(a),
            Answer::Article(a) => serde_json::to_string(a),
            Answer::Comments(a) => serde_json::to_string(a),
            Answer::Rail(a) => serde_json::to_string(a),
            Answer::LiveChanges(a) => serde_json::to_string(a),
        }
    }
}

/// How long an answer may be kept (the web server's `cache::CachePolicy` gives the numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Browsers a minute, shared caches until purged.
    Shared,
    /// Browsers ask each time (a reader sees the comment an editor just approved); shared caches until purged.
    Revalidate,
    /// Everyone a short while ([`broadsheet_content::reads::MOST_READ_MAX_AGE`]): an answer that changes with
    /// every read, which no purge follows.
    Brief,
    /// Everyone [`broadsheet_content::live::CHANGES_MAX_AGE`] seconds, and shared caches until purged sooner: a
    /// live blog's changes, which every reader's page asks for every few seconds.
    Live,
    /// Nobody keeps it: a search answered while another catch-up was applying the newest writes
    /// ([`Freshness::Behind`]), which may miss a write whose purge has already passed.
    Unstored,
}

/// An answer, the surrogate keys it depends on, and how long it may be kept.
#[derive(Debug, Clone)]
pub struct Answered {
    pub answer: Answer,
    pub keys: Keys,
    pub lifetime: Lifetime,
}

/// Why there is no answer.
#[derive(Debug)]
pub enum Unanswered {
    /// Nothing at this address, or a filter naming something that does not exist: the reader's message, which
    /// names what was not found.
    NotFound(String),
    /// The store could not answer.
    Store(StoreError),
}

impl From<StoreError> for Unanswered {
    fn from(e: StoreError) -> Self {
        Unanswered::Store(e)
    }
}

fn not_found(what: &str) -> Unanswered {
    Unanswered::NotFound(format!("There is no {what} at this address."))
}

/// The answer to `ask` from the store, with its keys: the keys of what it shows (`keys::DependsOn`) and of what
/// decides what it holds, so a change that would add to it purges it. `index` is the instance's search index.
pub fn answer(c: &Conn, index: &Search, ask: &Ask) -> Result<Answered, Unanswered> {
    let shared = |answer: Answer, structural: Keys| Answered {
        keys: keys_of(&answer, structural),
        answer,
        lifetime: Lifetime::Shared,
    };
    Ok(match ask {
        Ask::Front => shared(Answer::Front(queries::front(c)?), Keys::new()),
        Ask::Sections => {
            let sections = Sections {
                sections: queries::sections(c)?,
            };
            shared(Answer::Sections(sections), Keys::new())
        }
        Ask::Rails => shared(Answer::Rails(queries::rails(c)?), Keys::new()),
        Ask::Section { slug, at } => {
            let listing = queries::section_listing(c, slug, at.page, at.limit)?
                .ok_or_else(|| not_found("section"))?;
            shared(Answer::Listing(listing), Keys::of([keys::section(slug)]))
        }
        Ask::Articles { kind, topic, at } => {
            let (listing, structural) = filtered(c, *kind, topic.as_deref(), *at)?;
            shared(Answer::Listing(listing), structural)
        }
        Ask::Article {
            section,
            slug,
            with,
        } => {
            let queries::ArticleRead {
                id,
                mut article,
                blog,
            } = queries::article_read(c, section, slug)?.ok_or_else(|| not_found("article"))?;
            if let Some(blog) = blog {
                article.live = Some(Box::new(live::page(c, id, &blog, with.as_deref())?));
            }
            shared(Answer::Article(article), Keys::new())
        }
        Ask::LiveChanges {
            section,
            slug,
            after,
        } => {
            let blog = reads::article_id(c, section, slug)?
                .map(|id| live::blog(c, id).map(|b| b.map(|b| (id, b))))
                .transpose()?
                .flatten();
            let (id, blog) = blog.ok_or_else(|| not_found("live blog"))?;
            Answered {
                answer: Answer::LiveChanges(live::changes(c, id, &blog, *after)?),
                keys: Keys::of([keys::live(section, slug)]),
                lifetime: Lifetime::Live,
            }
        }
        Ask::Comments { section, slug } => {
            let (id, article) =
                queries::article(c, section, slug)?.ok_or_else(|| not_found("article"))?;
            let comments = queries::comments(c, id)?;
            let page = CommentsPage {
                total: comments.len() as u32,
                comments,
                comments_open: article.comments_open,
            };
            Answered {
                answer: Answer::Comments(page),
                keys: Keys::of([keys::article(section, slug)]),
                lifetime: Lifetime::Revalidate,
            }
        }
        Ask::Topic { slug, at } => {
            let listing = people::topic_listing(c, slug, at.page, at.limit)?
                .ok_or_else(|| not_found("topic"))?;
            shared(Answer::Listing(listing), Keys::of([keys::topic(slug)]))
        }
        Ask::Author { slug, at } => {
            let listing = people::author_page(c, slug, at.page, at.limit)?
                .ok_or_else(|| not_found("author"))?;
            shared(Answer::Listing(listing), Keys::of([keys::author(slug)]))
        }
        Ask::MostRead { section } => {
            if let Some(s) = section {
                if queries::section(c, s)?.is_none() {
                    return Err(Unanswered::NotFound(format!("There is no section “{s}”.")));
                }
            }
            let now = chrono::Utc::now().timestamp();
            let items = reads::most_read(c, now, section.as_deref(), MOST_READ_ITEMS)?;
            Answered {
                answer: Answer::Rail(Rail {
                    id: MOST_READ_RAIL.into(),
                    title: "Most read".into(),
                    link: format!("{PRIVACY_PATH}#{COUNTING_ANCHOR}"),
                    link_label: "How we count reads".into(),
                    items,
                }),
                keys: Keys::new(),
                lifetime: Lifetime::Brief,
            }
        }
        Ask::Search(request) => {
            if let Some(s) = &request.section {
                if queries::section(c, s)?.is_none() {
                    return Err(Unanswered::NotFound(format!("There is no section “{s}”.")));
                }
            }
            let (listing, freshness) = search::search(c, index, request)?;
            let mut answered = shared(Answer::Listing(listing), Keys::of([keys::SEARCH]));
            if freshness == Freshness::Behind {
                answered.lifetime = Lifetime::Unstored;
            }
            answered
        }
    })
}

fn keys_of(answer: &Answer, mut keys: Keys) -> Keys {
    match answer {
        Answer::Front(a) => keys.depend_on(a),
        Answer::Sections(a) => keys.depend_on(a),
        Answer::Rails(a) => keys.depend_on(a),
        Answer::Listing(a) => keys.depend_on(a),
        Answer::Article(a) => keys.depend_on(a),
        Answer::Comments(_) | Answer::Rail(_) | Answer::LiveChanges(_) => {}
    }
    keys
}

/// Every article, or those of one kind, or filed under one topic (a slug), a page at a time; a topic that does
/// not exist is not found, by name.
fn filtered(
    c: &Conn,
    kind: Option<Kind>,
    topic: Option<&str>,
    at: Window,
) -> Result<(Listing, Keys), Unanswered> {
    let topic_name = match topic {
        Some(t) => Some(
            topic_name(c, t)?
                .ok_or_else(|| Unanswered::NotFound(format!("There is no topic “{t}”.")))?,
        ),
        None => None,
    };
    let mut structural = Keys::new();
    if let Some(k) = kind {
        structural.add(keys::kind(k));
    }
    if let Some(t) = topic {
        structural.add(keys::topic(t));
    }
    if structural.is_empty() {
        structural.add(keys::ARTICLES);
    }
    let (title, description) = match (kind, &topic_name) {
        (Some(k), _) => (k.title().to_string(), k.description().to_string()),
        (None, Some(name)) => (
            format!("Filed under {name}"),
            format!("Articles filed under {name}, newest first."),
        ),
        (None, None) => (
            Kind::Other.title().to_string(),
            Kind::Other.description().to_string(),
        ),
    };
    let filter = ListFilter {
        kind,
        tag: topic.map(str::to_string),
        ..Default::default()
    };
    let (articles, total) = crate::db::listing::list(c, &filter, at.page, at.limit)?;
    let listing = Listing {
        title,
        description,
        section: None,
        articles,
        meta: Pagination::new(at.page, at.limit, total),
        author: None,
        search: None,
    };
    Ok((listing, structural))
}

/// A topic's name by its slug; `None` when no topic has that slug.
fn topic_name(c: &Conn, slug: &str) -> DbResult<Option<String>> {
    c.prepare_cached("SELECT name FROM topics WHERE slug = ?1")?
        .query_row([slug], |r| r.get(0))
        .optional()
}
