//! The Broadsheet content API contract in code.
//!
//! Every response body of `/api/v1` is one of these types, serialised as JSON. The app deserialises them and
//! the reference server produces them, so the two cannot drift apart. See `docs/content-api.md`.
//!
//! The crate is serde, miniserde (the app's reading of JSON: [`json_reads`]) and a time-zone rule reader (`tz-rs`,
//! for [`dates`]) only (plus optional OpenAPI schemas behind the `openapi` feature) so that it stays light in the
//! WebAssembly build.

mod article;
mod block_wire;
pub mod dates;
mod error;
mod feed;
pub mod json_reads;
mod kind;
pub mod limits;
mod link;
mod listing;
pub mod live;
mod newsletter;
mod page;
mod people;
mod posting;
mod rails;
pub mod reads;
pub mod responsive;
mod search;
mod slug;
pub mod sources;
mod text;
pub mod widget;

pub use article::{Article, Block, Comment, CommentsPage, Image, Inline, Video};
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use feed::{Feed, FeedFormat, FeedScope, FEED_ITEMS};
pub use kind::Kind;
pub use link::{is_external, safe_href};
pub use listing::{
    page_href, FrontPage, Listing, Pagination, Section, SectionBlock, SectionRef, Sections, Teaser,
};
pub use newsletter::{
    Edition, NewSignup, SignupAnswer, CHECK_INBOX, CONFIRM_HOURS, CONFIRM_PATH, NEWSLETTER_PATH,
    PREFERENCES_PATH, PRIVACY_PATH, SIGNUP_API_PATH, UNSUBSCRIBE_PATH,
};
pub use page::{
    is_server_page, page_param, Page, FIRST_PAGE, RAILS_API_PATH, SECTIONS_API_PATH, SERVER_PAGES,
};
pub use people::{topic_slug, Author, AuthorLink, AuthorRef, TopicRef};
pub use posting::{
    comment_href, count_links, CommentStatus, FieldError, NewComment, PostedComment, BODY_MAX,
    COMMENT_PATH, LINKS_MAX, NAME_MAX,
};
pub use rails::{Rail, RailSpec, Rails, RAIL_SPECS};
pub use search::{marked_runs, HitMarks, MatchRange, SearchFacts, SearchSort, SectionCount};
pub use slug::{is_reserved_slug, is_valid_slug, FILE_FOLDERS, RESERVED_SLUGS};
pub use sources::{PREVIEW_PATH, WEBHOOK_PATH};
pub use text::{has_visible, is_visible, without_unpaired_bidi};

/// The base path of the content API.
pub const API_BASE: &str = "/api/v1";
