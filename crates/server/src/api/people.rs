//! Topic and author pages: `/topics/{topic}` and `/authors/{author}`.

use axum::extract::State;
use broadsheet_content::Listing;

use super::handlers::{listing_by_slug, CachedResult};
use super::params::{self, Listed, SlugOf};
use crate::db::people;
use crate::AppState;

/// The articles filed under a topic, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/topics/{topic}", tag = "topics",
    params(("topic" = String, Path, description = "Topic slug (a tag's slug: `council-housing`)"),
           ("page" = Option<u32>, Query, description = "1-based page"),
           ("limit" = Option<u32>, Query, description = "Articles a page, 1 to 50 (clamped), default 12")),
    responses((status = 200, description = "A page of the topic: its name as title, its description", body = Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such topic", body = broadsheet_content::ApiError)))]
pub async fn topic(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<params::Topic>,
    listed: Listed,
) -> CachedResult<Listing> {
    listing_by_slug::<params::Topic>(st, slug, listed, people::topic_listing).await
}

/// An author: who they are, and their articles newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/authors/{author}", tag = "authors",
    params(("author" = String, Path, description = "Author slug"),
           ("page" = Option<u32>, Query, description = "1-based page"),
           ("limit" = Option<u32>, Query, description = "Articles a page, 1 to 50 (clamped), default 12")),
    responses((status = 200, description = "A page of the author's articles, with the author (`author`)", body = Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such author", body = broadsheet_content::ApiError)))]
pub async fn author(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<params::Author>,
    listed: Listed,
) -> CachedResult<Listing> {
    listing_by_slug::<params::Author>(st, slug, listed, people::author_page).await
}
