//! Query and path parameters: parsed by hand so that every bad value gets the JSON error, never a panic. The
//! extractors ([`ArticleAddress`], [`SlugOf`], [`Listed`]) reject into [`AppError`] before a handler runs, so
//! handlers take values that are already valid.

use std::marker::PhantomData;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use broadsheet_content::is_valid_slug;
use serde::Deserialize;

use crate::http::AppError;

pub use broadsheet_content::limits::{DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE};

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

/// `page`: a whole number from 1; absent means 1 (an empty value is not a number).
pub fn page(raw: Option<&str>) -> Result<u32, AppError> {
    match raw.map(str::trim) {
        None => Ok(1),
        Some(s) => match s.parse::<u32>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            _ => Err(AppError::bad_parameter(format!(
                "page must be a whole number from 1 to {MAX_PAGE}."
            ))),
        },
    }
}

/// `limit`: a whole number from 0 to 2,147,483,647 (the document's `int32`), clamped to 1..=50; absent means
/// the default (an empty value is not a number).
pub fn limit(raw: Option<&str>) -> Result<u32, AppError> {
    match raw.map(str::trim).map(|s| s.parse::<i32>()) {
        None => Ok(DEFAULT_LIMIT),
        Some(Ok(n)) if n >= 0 => Ok((n as u32).clamp(1, MAX_LIMIT)),
        Some(_) => Err(AppError::bad_parameter(format!(
            "limit must be a whole number (at most {MAX_LIMIT} are listed)."
        ))),
    }
}

/// A slug from the path; one that cannot exist is simply not found.
pub fn slug_of(s: &str, what: &str) -> Result<(), AppError> {
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

/// An article's address in the path (`/articles/{section}/{slug}`), both valid slugs; anything else is the
/// article-not-found error.
#[derive(Debug, Clone)]
pub struct ArticleAddress {
    pub section: String,
    pub slug: String,
}

impl<S: Send + Sync> FromRequestParts<S> for ArticleAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let (section, slug) =
            path(Path::<(String, String)>::from_request_parts(parts, state).await)?;
        slug_of(&section, "article")?;
        slug_of(&slug, "article")?;
        Ok(ArticleAddress { section, slug })
    }
}

/// What a slug in the path names, for its not-found message.
pub trait Named {
    const NAME: &'static str;
}

/// A section's slug.
pub struct Section;
/// A topic's slug.
pub struct Topic;
/// An author's slug.
pub struct Author;

impl Named for Section {
    const NAME: &'static str = "section";
}
impl Named for Topic {
    const NAME: &'static str = "topic";
}
impl Named for Author {
    const NAME: &'static str = "author";
}

/// The one slug in the path, valid; anything else is "There is no {section, topic, author} at this address.".
pub struct SlugOf<K>(pub String, pub PhantomData<K>);

impl<K: Named, S: Send + Sync> FromRequestParts<S> for SlugOf<K> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let slug = path(Path::<String>::from_request_parts(parts, state).await)?;
        slug_of(&slug, K::NAME)?;
        Ok(SlugOf(slug, PhantomData))
    }
}

/// A listing's query: `page` and `limit` checked, the other parameters as they came.
pub struct Listed {
    pub page: u32,
    pub limit: u32,
    pub query: ListQuery,
}

impl Listed {
    /// The page and limit asked for.
    pub fn window(&self) -> broadsheet_store::answer::Window {
        broadsheet_store::answer::Window {
            page: self.page,
            limit: self.limit,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Listed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let q = query(Query::<ListQuery>::from_request_parts(parts, state).await)?;
        Ok(Listed {
            page: page(q.page.as_deref())?,
            limit: limit(q.limit.as_deref())?,
            query: q,
        })
    }
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
        assert!(page(Some("")).is_err());
        assert!(limit(Some("")).is_err());
        assert!(page(Some("99999999999999999999")).is_err());
        assert_eq!(limit(Some("100000")).unwrap(), MAX_LIMIT);
        assert!(limit(Some("99999999999999999999999")).is_err());
        assert_eq!(limit(Some("0")).unwrap(), 1);
        assert!(limit(Some("-5")).is_err());
        assert!(limit(Some("ten")).is_err());
    }
}
