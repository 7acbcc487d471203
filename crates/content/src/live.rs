//! Live blogs: an article of kind [`crate::Kind::Live`] told as timestamped posts, newest first, that readers'
//! pages keep up to date by asking for what changed since the sequence number they show.
//!
//! Every post, edit, deletion, pin and status change moves the blog's change sequence ([`Live::seq`]) on by one;
//! a post remembers the sequence of its last change, so `GET /api/v1/live/{section}/{slug}/changes?after=SEQ`
//! ([`changes_api_path`]) answers everything a page at `SEQ` has not seen (a [`Live`]). That answer is the
//! same for every reader, so shared caches keep it [`CHANGES_MAX_AGE`] seconds and a change purges it.
//!
//! Pages of posts are anchored at the oldest post (the Guardian's and the BBC's live pages do the same): the
//! oldest [`POSTS_PER_PAGE`] posts are the last page, the next oldest the page before it, and the first page
//! holds the newest posts with whatever is left over (from one to two pages' worth), so an older page's posts do
//! not move as new ones arrive and a post's permalink `?page=with:{id}#post-{id}` ([`post_href`]) stays good.

use serde::{Deserialize, Serialize};

use crate::{Block, Inline};

/// Posts on every page but the first (which holds up to twice as many, [`page_bounds`]).
pub const POSTS_PER_PAGE: usize = 20;

/// Seconds shared caches keep a changes answer (a purge ends it sooner). A new post reaches a polling reader
/// within the poll interval plus this.
pub const CHANGES_MAX_AGE: u32 = 5;

/// The app asks for changes every `POLL_SECS` seconds plus up to [`POLL_JITTER_SECS`] (so readers who opened the
/// page together do not ask together), the Guardian's and the BBC's interval.
pub const POLL_SECS: u32 = 10;
/// Up to this many seconds added at random to each poll.
pub const POLL_JITTER_SECS: u32 = 5;
/// While the page is hidden, polls are this many times further apart.
pub const HIDDEN_SLOWDOWN: u32 = 6;
/// After a failed poll the interval doubles each time, up to this many seconds.
pub const MAX_BACKOFF_SECS: u32 = 300;

/// The longest post id (ids are `[a-z0-9-]`, like slugs).
pub const POST_ID_MAX: usize = 64;

/// Whether a live blog is still being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveStatus {
    Live,
    Ended,
}

impl LiveStatus {
    /// The stored and API name (`live`, `ended`).
    pub fn slug(self) -> &'static str {
        match self {
            LiveStatus::Live => "live",
            LiveStatus::Ended => "ended",
        }
    }

    /// Parses [`LiveStatus::slug`]; `None` for anything else.
    pub fn from_slug(s: &str) -> Option<LiveStatus> {
        [LiveStatus::Live, LiveStatus::Ended]
            .into_iter()
            .find(|v| v.slug() == s)
    }
}

/// One post of a live blog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LivePost {
    /// Unique within its blog, `[a-z0-9-]`, at most [`POST_ID_MAX`] bytes; the element id is `post-{id}`.
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    /// Typed blocks; never HTML.
    pub body: Vec<Block>,
    /// RFC 3339.
    pub published: String,
    /// RFC 3339, when it was last edited.
    #[serde(default)]
    pub updated: Option<String>,
    /// A key event: listed at the top of the blog.
    #[serde(default)]
    pub key_event: bool,
    /// The change that last wrote it ([`Live::seq`]), which no other post of the blog has (each change takes the
    /// next number): the stream's key, so a page shows a post again when it moves.
    #[serde(default)]
    pub seq: u64,
}

/// A key event as the blog's summary lists it: a link to its post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyEvent {
    pub id: String,
    /// The post's title, or the start of its text.
    pub title: String,
    /// RFC 3339.
    pub published: String,
}

/// A live blog's state and some of its posts: one page of them in its article's answer (`Article::live`), or those
/// changed since a sequence number in the changes answer (`GET /api/v1/live/{section}/{slug}/changes?after=SEQ`:
/// `posts` new or edited since, oldest change first, `deleted` the ids removed since, `page` 0). One type for
/// both, so the app has one reader of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Live {
    pub status: LiveStatus,
    /// RFC 3339.
    pub coverage_start: String,
    /// RFC 3339; set when the blog ends.
    #[serde(default)]
    pub coverage_end: Option<String>,
    /// The change sequence this page shows: ask for changes after it.
    pub seq: u64,
    /// The pinned post, on the first page only (it is also in its place in the stream, where its id is); in a
    /// changes answer, whatever the pin is now.
    #[serde(default)]
    pub pinned: Option<LivePost>,
    /// This page's posts, newest first; in a changes answer, the posts written since `after`.
    pub posts: Vec<LivePost>,
    /// In a changes answer, the ids of posts deleted since `after`.
    #[serde(default)]
    pub deleted: Vec<String>,
    /// Every key event, newest first.
    #[serde(default)]
    pub key_events: Vec<KeyEvent>,
    /// A post on the next newer page (`?page=with:{id}`); `None` on the first page, whose address has no `page`.
    #[serde(default)]
    pub newer: Option<String>,
    /// A post on the next older page; `None` on the last.
    #[serde(default)]
    pub older: Option<String>,
    /// Which page this is, from 1 (the newest); 0 in a changes answer.
    pub page: u32,
    /// How many pages the blog has.
    pub page_count: u32,
}

/// The changes' API path (under `/api/v1`): `/live/{section}/{slug}/changes?after={after}`. Only `after` is read:
/// caches key on it alone.
pub fn changes_api_path(section: &str, slug: &str, after: u64) -> String {
    format!("/live/{section}/{slug}/changes?after={after}")
}

/// The `page` query value of the page holding post `id`: `with:{id}`.
pub fn page_of(id: &str) -> String {
    format!("with:{id}")
}

/// The post id named by a `page` query value `with:{id}`; `None` for anything else.
pub fn post_of_page(value: &str) -> Option<&str> {
    value.strip_prefix("with:").filter(|id| is_post_id(id))
}

/// True if `id` may be a post's id: 1 to [`POST_ID_MAX`] bytes of `[a-z0-9-]`.
pub fn is_post_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= POST_ID_MAX
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The element id of post `id`: `post-{id}`.
pub fn anchor(id: &str) -> String {
    format!("post-{id}")
}

/// A post's permalink from its blog's path (`/{section}/{slug}`): `{path}?page=with:{id}#post-{id}`.
pub fn post_href(article_path: &str, id: &str) -> String {
    format!("{article_path}?page={}#{}", page_of(id), anchor(id))
}

/// The pages of `n` posts, newest first, anchored at the oldest: each page's range of positions counted from the
/// newest post (`start..end`). Every page but the first holds [`POSTS_PER_PAGE`]; the first holds the rest, from
/// one to `2 * POSTS_PER_PAGE - 1` (or `n` when there are fewer). No posts: one empty page.
pub fn page_bounds(n: usize) -> Vec<(usize, usize)> {
    let older = (n / POSTS_PER_PAGE).saturating_sub(1);
    let first = n - older * POSTS_PER_PAGE;
    let mut pages = vec![(0, first)];
    pages.extend((0..older).map(|i| {
        let start = first + i * POSTS_PER_PAGE;
        (start, start + POSTS_PER_PAGE)
    }));
    pages
}

/// How many characters of a post's text name a key event that has no title.
const KEY_EVENT_CHARS: usize = 80;

/// How many characters of a post's text its summary in a feed or in JSON-LD carries.
pub const SUMMARY_CHARS: usize = 300;

/// The start of a post's text: its paragraphs as plain text, at most `chars` characters, with "…" when cut.
pub fn summary(p: &LivePost, chars: usize) -> String {
    let text = p
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content } => Some(Inline::plain_text(content)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text,
    }
}

/// A key event's entry: the post's title, or the start of its first paragraph.
pub fn key_event(p: &LivePost) -> KeyEvent {
    let title = p
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| summary(p, KEY_EVENT_CHARS));
    KeyEvent {
        id: p.id.clone(),
        title,
        published: p.published.clone(),
    }
}

crate::reads_name!(LiveStatus, LiveStatus::from_slug);
crate::reads_fields!(LivePost {
    id: String,
    title: Option<String>,
    body: Vec<Block>,
    published: String,
    updated: Option<String>,
    key_event: bool = default,
    seq: u64 = default,
});
crate::reads_fields!(KeyEvent {
    id: String,
    title: String,
    published: String,
});
crate::reads_fields!(Live {
    status: LiveStatus,
    coverage_start: String,
    coverage_end: Option<String>,
    seq: u64,
    pinned: Option<LivePost>,
    posts: Vec<LivePost>,
    deleted: Vec<String> = default,
    key_events: Vec<KeyEvent> = default,
    newer: Option<String>,
    older: Option<String>,
    page: u32,
    page_count: u32,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_pages_do_not_move_as_posts_arrive() {
        // The oldest page's positions counted from the oldest post stay the same from 40 to 59 posts.
        for n in 40..60 {
            let pages = page_bounds(n);
            let (start, end) = *pages.last().unwrap();
            assert_eq!((n - end, n - start), (0, POSTS_PER_PAGE), "{n} posts");
            assert!(pages[0].1 >= POSTS_PER_PAGE && pages[0].1 < 2 * POSTS_PER_PAGE);
        }
        assert_eq!(page_bounds(0), vec![(0, 0)]);
        assert_eq!(page_bounds(7), vec![(0, 7)]);
        assert_eq!(page_bounds(39), vec![(0, 39)]);
        assert_eq!(page_bounds(40), vec![(0, 20), (20, 40)]);
    }

    #[test]
    fn pages_cover_every_post_once() {
        for n in 0..100 {
            let pages = page_bounds(n);
            let mut next = 0;
            for (start, end) in pages {
                assert_eq!(start, next);
                next = end;
            }
            assert_eq!(next, n);
        }
    }

    #[test]
    fn page_values_name_a_post_id() {
        assert_eq!(post_of_page("with:p-12"), Some("p-12"));
        assert_eq!(post_of_page("with:"), None);
        assert_eq!(post_of_page("with:<b>"), None);
        assert_eq!(post_of_page("2"), None);
        assert_eq!(
            post_href("/world/storm", "p1"),
            "/world/storm?page=with:p1#post-p1"
        );
    }
}
