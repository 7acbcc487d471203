//! Query and path parameters: parsed by hand so that every bad value gets the JSON error, never a panic.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use broadsheet_content::is_valid_slug;
use serde::Deserialize;

use super::AppError;

/// The most a page may hold; larger limits are clamped to it.
pub const MAX_LIMIT: u32 = 50;
/// The default page size of listings.
pub const DEFAULT_LIMIT: u32 = 12;
/// Pages beyond this are refused (no listing is that long; it keeps OFFSET bounded).
pub const MAX_PAGE: u32 = 100_000;

/// Raw listing parameters as they arrive.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub page: Option<String>,
    pub limit: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub section: Option<String>,
    pub sort: Option<String>,
}

/// Takes the query, or explains in JSON what is wrong with it.
pub fn query(q: Result<Query<ListQuery>, QueryRejection>) -> Result<ListQuery, AppError> {
    q.map(|Query(q)| q)
        .map_err(|_| AppError::bad_parameter("The query string could not be read."))
}

/// `page`: a whole number from 1; absent means 1.
pub fn page(raw: Option<&str>) -> Result<u32, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(s) => match s.parse::<u32>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            _ => Err(AppError::bad_parameter(format!(
                "page must be a whole number from 1 to {MAX_PAGE}."
            ))),
        },
    }
}

/// `limit`: a whole number, clamped to 1..=50; absent means the default.
pub fn limit(raw: Option<&str>) -> Result<u32, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(DEFAULT_LIMIT),
        Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(s.parse::<u64>()
                .unwrap_or(u64::MAX)
                .clamp(1, u64::from(MAX_LIMIT)) as u32)
        }
        Some(_) => Err(AppError::bad_parameter(format!(
            "limit must be a whole number (at most {MAX_LIMIT})."
        ))),
    }
}

/// A slug from the path; one that cannot exist is simply not found.
pub fn slug(s: &str, what: &str) -> Result<(), AppError> {
    if is_valid_slug(s) {
        Ok(())
    } else {
        Err(AppError::not_found(format!(
            "There is no {what} at this address."
        )))
    }
}

/// Path segments, or not found when the path cannot be decoded.
pub fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, AppError> {
    p.map(|Path(v)| v)
        .map_err(|_| AppError::not_found("There is nothing at this address."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_limits() {
        assert_eq!(page(None).unwrap(), 1);
        assert_eq!(page(Some("3")).unwrap(), 3);
        assert!(page(Some("0")).is_err());
        assert!(page(Some("-1")).is_err());
        assert!(page(Some("abc")).is_err());
        assert!(page(Some("99999999999999999999")).is_err());
        assert_eq!(limit(Some("100000")).unwrap(), MAX_LIMIT);
        assert_eq!(limit(Some("99999999999999999999999")).unwrap(), MAX_LIMIT);
        assert_eq!(limit(Some("0")).unwrap(), 1);
        assert!(limit(Some("-5")).is_err());
        assert!(limit(Some("ten")).is_err());
    }
}
