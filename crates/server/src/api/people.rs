//! Topic and author pages: `/topics/{topic}` and `/authors/{author}`.

use axum::extract::State;
use axum::response::Response;

use super::docs::{AuthorPath, PageParams, TopicPath};
use super::handlers::respond;
use crate::http::extract::{self, Listed, SlugOf};
use crate::http::AppError;
use crate::AppState;
use broadsheet_store::answer::Ask;

/// The articles filed under a topic, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/topics/{topic}", tag = "topics",
    params(TopicPath, PageParams),
    responses((status = 200, description = "A page of the topic: its name as title, its description", body = broadsheet_content::Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such topic", body = broadsheet_content::ApiError)))]
pub async fn topic(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<extract::Topic>,
    listed: Listed,
) -> Result<Response, AppError> {
    let at = listed.window();
    respond(&st, Ask::Topic { slug, at }).await
}

/// An author: who they are, and their articles newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/authors/{author}", tag = "authors",
    params(AuthorPath, PageParams),
    responses((status = 200, description = "A page of the author's articles, with the author (`author`)", body = broadsheet_content::Listing),
              (status = 400, description = "Bad page or limit", body = broadsheet_content::ApiError),
              (status = 404, description = "No such author", body = broadsheet_content::ApiError)))]
pub async fn author(
    State(st): State<AppState>,
    SlugOf(slug, _): SlugOf<extract::Author>,
    listed: Listed,
) -> Result<Response, AppError> {
    let at = listed.window();
    respond(&st, Ask::Author { slug, at }).await
}
