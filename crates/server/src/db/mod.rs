//! The SQLite database: schema, a small connection pool, and the queries behind the API.

pub mod comments;
pub mod people;
mod pool;
pub mod queries;
mod schema;

pub use pool::Db;
pub use queries::{ArticleRow, ListFilter};
pub use schema::migrate;
