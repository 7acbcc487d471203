//! The limits of a request to the content API, written once: the server enforces them, the OpenAPI document
//! states them (a test compares the two), and [`crate::Page`] keeps a page's address within them.

/// Articles a listing page holds when the request names no `limit`.
pub const DEFAULT_LIMIT: u32 = 12;
/// The most articles a listing page may hold; a larger `limit` is clamped to it.
pub const MAX_LIMIT: u32 = 50;
/// The last page number a listing answers (no listing is that long; it keeps `OFFSET` bounded). A larger
/// `page` is refused with `400`.
pub const MAX_PAGE: u32 = 100_000;
/// The longest search query, in characters (Unicode scalar values); a longer `q` is refused with `400`, and a
/// search page's address keeps the first this many.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most matches a search's pages reach (page × limit beyond it answers no articles). Its counts stay exact.
/// Elasticsearch's `max_result_window` is 10,000; no reader pages past the first thousand results.
pub const MAX_SEARCH_RESULTS: u32 = 1_000;
/// The longest `tag` filter, in bytes: longer than any topic's name, so a longer one names no topic.
pub const MAX_TAG_BYTES: usize = 200;
