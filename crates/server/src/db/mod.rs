//! The SQLite database: schema, a small connection pool, and the queries behind the API.

pub mod comments;
mod error;
pub mod people;
mod pool;
pub mod queries;
mod schema;

pub use error::StoreError;
pub use pool::Db;
pub use queries::{ArticleRow, ListFilter};
pub use schema::migrate;
