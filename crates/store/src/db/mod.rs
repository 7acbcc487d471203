//! The store: SQLite or PostgreSQL behind one seam (`sql::Conn`), the versioned schema, the connection pools,
//! and the queries behind the API.

mod article;
pub mod comments;
mod error;
pub mod exclusive;
pub mod feeds;
pub mod listing;
pub mod live;
pub mod people;
mod pg_link;
mod pool;
pub mod postgres;
pub mod queries;
pub mod rate_limit;
pub mod reads;
pub mod redirects;
mod schema;
pub mod settings;
pub mod sitemaps;
pub mod sql;
mod tls;
pub mod value;
pub mod write;

pub use error::StoreError;

/// What a storage operation gives: its answer, or why the store could not give it.
pub type DbResult<T> = Result<T, StoreError>;
pub use listing::{ArticleRow, ListFilter};
pub use pool::Db;
pub use schema::ADVISORY_LOCK;
pub use sql::{Conn, Dialect};
