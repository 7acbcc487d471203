//! The parameters of the reading endpoints as the OpenAPI document states them: the same limits the extractors
//! enforce (`broadsheet_content::limits`, `is_valid_slug`; a test compares the document with them).

use utoipa::IntoParams;

/// Which page of a listing, and its size.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// The page, from 1 (`broadsheet_content::limits::MAX_PAGE` at most).
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// Articles a page: 1 to 50, a larger value clamped to 50 and 0 to 1; 12 when absent.
    #[param(minimum = 0)]
    limit: Option<i32>,
}

/// A section's slug in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct SectionPath {
    /// Lower-case letters, digits and single hyphens; 120 bytes at most.
    #[param(
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "housing"
    )]
    section: String,
}

/// An article's address in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct ArticlePath {
    /// Its section's slug.
    #[param(
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "housing"
    )]
    section: String,
    /// Its own slug.
    #[param(
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "long-road-out-of-temporary-accommodation"
    )]
    slug: String,
}

/// A topic's slug in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct TopicPath {
    /// A tag's slug: `council-housing`.
    #[param(
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "council-housing"
    )]
    topic: String,
}

/// An author's slug in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct AuthorPath {
    #[param(
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 120,
        example = "amira-said"
    )]
    author: String,
}
