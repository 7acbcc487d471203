//! Broadsheet's store: the truth of the site's content, and everything read from it.
//!
//! - [`db`]: SQLite or PostgreSQL behind one seam (`db::sql::Conn`), the versioned schema (`migrations/`, run at
//!   start), the pools, the queries, and the one write path every content source writes through (`db::write`).
//! - [`search`]: search through `broadsheet-search`'s index, fed from the store's outbox (`search::feed`).
//! - [`answer`]: one answer per question of the content API, with its surrogate keys and lifetime, for the API
//!   and the first paint alike.
//! - [`keys`]: the surrogate keys that name what an answer shows and what a write changed.
//!
//! It knows nothing of HTTP: the web server (`broadsheet-server`) turns its answers and errors into responses.

pub mod answer;
pub mod db;
pub mod keys;
pub mod search;

pub use db::{Db, StoreError};
pub use keys::{DependsOn, Keys};
