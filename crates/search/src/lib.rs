//! Broadsheet's search engine: an embedded tantivy index of the store's articles, one per instance, fed from the
//! store (its outbox, `broadsheet-store`'s `search` module) and always rebuildable from it. It knows nothing of
//! SQL or HTTP: articles come in as [`Document`]s, and a search answers article ids, counts and marks.
//!
//! - [`text`]: how text becomes words, one spelling for every way of writing them (the spelling matrix);
//!   [`pairs`]: neighbouring words as one term, for phrases.
//! - [`syntax`]: what a reader types (words, `"phrases"`, `-exclusions`, `OR`).
//! - [`relevance`]: the rules, written once (field weights, recency, prefixes, misspellings).
//! - [`schema`], [`index`]: the fields; opening, changing and rebuilding the index.
//! - `query`, `run`, `collect`: a parsed query as the engine's query (with the most it can score); a search, run;
//!   its one pass over the matches, which keeps a `page` and skips `windows` that cannot reach it.
//!
//! docs/search.md says why this engine, with the measurements.

mod collect;
pub mod index;
mod page;
pub mod pairs;
mod query;
pub mod relevance;
mod run;
pub mod schema;
pub mod syntax;
pub mod text;
mod windows;

pub use index::{Change, SearchIndex};
pub use query::Marker;
pub use run::{Ask, Hits};
pub use schema::Document;

/// What went wrong in the index: a message naming what failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError(String);

impl SearchError {
    pub fn new(message: String) -> SearchError {
        SearchError(message)
    }
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index: {}", self.0)
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> SearchError {
        SearchError(e.to_string())
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> SearchError {
        SearchError(e.to_string())
    }
}
