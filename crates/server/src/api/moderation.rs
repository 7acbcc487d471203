//! Editors moderate comments over HTTP with the configured token (`Authorization: Bearer …`).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::FromRequestParts;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::CommentStatus;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cache::{keys, Keys};
use crate::http::AppError;
use crate::AppState;
use broadsheet_store::db::comments::{self, ModeratedComment};

/// Comments waiting for (or past) moderation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ModerationList {
    pub comments: Vec<ModeratedComment>,
}

#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    status: Option<String>,
}

/// An editor: a request bearing the moderation token (`Authorization: Bearer …`), compared by digest so that
/// timing says nothing of it. Any other request is refused with `401` before the handler runs.
pub struct Editor;

impl FromRequestParts<AppState> for Editor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match (&st.comments.token, given) {
            (Some(token), Some(given))
                if !token.is_empty()
                    && Sha256::digest(token.as_bytes()) == Sha256::digest(given.as_bytes()) =>
            {
                Ok(Editor)
            }
            _ => Err(AppError::unauthorized()),
        }
    }
}

fn private(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// List comments by status (pending by default), oldest first.
#[utoipa::path(get, path = "/api/v1/moderation/comments", tag = "moderation",
    params(("status" = Option<CommentStatus>, Query, description = "pending (the default), published or rejected")),
    responses((status = 200, description = "The comments", body = ModerationList),
              (status = 400, description = "Another status", body = broadsheet_content::ApiError),
              (status = 401, description = "No token or the wrong one", body = broadsheet_content::ApiError)))]
pub async fn list(
    State(st): State<AppState>,
    _: Editor,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(q) =
        query.map_err(|_| AppError::bad_parameter("The query string could not be read."))?;
    let raw = q.status;
    let status = match raw.as_deref() {
        None => CommentStatus::Pending,
        Some(s) => CommentStatus::parse(s).ok_or_else(|| {
            AppError::bad_parameter("status must be pending, published or rejected.")
        })?,
    };
    let list = st.db.run(move |c| comments::list(c, status)).await?;
    Ok(private(
        Json(ModerationList { comments: list }).into_response(),
    ))
}

/// What an editor does to one comment.
enum Action {
    Set(CommentStatus),
    Delete,
}

/// Does `action` to comment `id`, then purges its article's key from shared caches (its comments and count).
async fn act(
    st: AppState,
    id: Result<Path<i64>, PathRejection>,
    action: Action,
) -> Result<Response, AppError> {
    let Path(id) = id.map_err(|_| AppError::not_found("There is no such comment."))?;
    let now = comments::now();
    let article = st
        .db
        .run(move |c| {
            let Some(article) = comments::article_of(c, id)? else {
                return Ok(None);
            };
            match action {
                Action::Set(status) => comments::set_status(c, id, status, &now)?,
                Action::Delete => comments::delete(c, id)?,
            };
            Ok(Some(article))
        })
        .await?;
    let Some((section, slug)) = article else {
        return Err(AppError::not_found("There is no such comment."));
    };
    // A failed purge is logged; the comments show when the cached answers expire.
    let _ = st
        .purger
        .purge(&Keys::of([keys::article(&section, &slug)]))
        .await;
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// Publish a comment.
#[utoipa::path(post, path = "/api/v1/moderation/comments/{id}/approve", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Published"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn approve(
    State(st): State<AppState>,
    _: Editor,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, id, Action::Set(CommentStatus::Published)).await
}

/// Turn a comment down; it is kept but never shown.
#[utoipa::path(post, path = "/api/v1/moderation/comments/{id}/reject", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Rejected"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn reject(
    State(st): State<AppState>,
    _: Editor,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, id, Action::Set(CommentStatus::Rejected)).await
}

/// Delete a comment for good.
#[utoipa::path(delete, path = "/api/v1/moderation/comments/{id}", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn delete(
    State(st): State<AppState>,
    _: Editor,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, id, Action::Delete).await
}
