//! The storage layer's error: what went wrong with the database, in terms the HTTP layer can answer with
//! (`From<StoreError> for AppError`: [`StoreError::Unavailable`] is `503` with `Retry-After`, anything else `500`).

use std::fmt;

/// A failed database operation.
#[derive(Debug)]
pub enum StoreError {
    /// The database cannot be reached or is busy past its timeout: worth retrying in a few seconds.
    Unavailable(String),
    /// Any other failure (a bad query, a broken constraint): a fault to log.
    Failed(String),
    /// A query that must answer one row answered none (`sql::OptionalExtension::optional` makes it `None`).
    NoRows,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(e) => write!(f, "database unavailable: {e}"),
            StoreError::Failed(e) => write!(f, "database error: {e}"),
            StoreError::NoRows => f.write_str("database error: no row where one was expected"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if matches!(e, rusqlite::Error::QueryReturnedNoRows) {
            return StoreError::NoRows;
        }
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked | C::CannotOpen | C::SystemIoFailure) => {
                StoreError::Unavailable(e.to_string())
            }
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    /// r2d2 gives up after the pool's wait (no connection came free, or none could be opened).
    fn from(e: r2d2::Error) -> Self {
        StoreError::Unavailable(e.to_string())
    }
}

impl From<tokio::task::JoinError> for StoreError {
    fn from(e: tokio::task::JoinError) -> Self {
        StoreError::Failed(format!("database task failed: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_database_is_unavailable_and_a_bad_query_is_a_failure() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert!(matches!(StoreError::from(busy), StoreError::Unavailable(_)));
        let bad = rusqlite::Error::InvalidQuery;
        assert!(matches!(StoreError::from(bad), StoreError::Failed(_)));
    }
}
