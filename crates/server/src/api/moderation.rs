//! Editors moderate comments over HTTP with the configured token (`Authorization: Bearer …`).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::CommentStatus;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AppError;
use crate::db::comments::{self, ModeratedComment};
use crate::AppState;

/// Comments waiting for (or past) moderation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ModerationList {
    pub comments: Vec<ModeratedComment>,
}

#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    status: Option<String>,
}

/// The token matches the configured one (compared by digest, so timing says nothing of it).
fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match (&st.comments.token, given) {
        (Some(token), Some(given))
            if !token.is_empty()
                && Sha256::digest(token.as_bytes()) == Sha256::digest(given.as_bytes()) =>
        {
            Ok(())
        }
        _ => Err(AppError::unauthorized()),
    }
}

fn private(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// List comments by status (pending by default), oldest first.
#[utoipa::path(get, path = "/api/v1/moderation/comments", tag = "moderation",
    params(("status" = Option<String>, Query, description = "pending (default), published or rejected")),
    responses((status = 200, description = "The comments", body = ModerationList),
              (status = 401, description = "No token or the wrong one", body = broadsheet_content::ApiError)))]
pub async fn list(
    State(st): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    authorize(&st, &headers)?;
    let raw = query.ok().and_then(|Query(q)| q.status);
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

async fn act(
    st: AppState,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
    action: Action,
) -> Result<Response, AppError> {
    authorize(&st, &headers)?;
    let Path(id) = id.map_err(|_| AppError::not_found("There is no such comment."))?;
    let now = comments::now();
    let done = st
        .db
        .run(move |c| match action {
            Action::Set(status) => comments::set_status(c, id, status, &now),
            Action::Delete => comments::delete(c, id),
        })
        .await?;
    if done {
        Ok(private(StatusCode::NO_CONTENT.into_response()))
    } else {
        Err(AppError::not_found("There is no such comment."))
    }
}

/// Publish a comment.
#[utoipa::path(post, path = "/api/v1/moderation/comments/{id}/approve", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Published"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn approve(
    State(st): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, headers, id, Action::Set(CommentStatus::Published)).await
}

/// Turn a comment down; it is kept but never shown.
#[utoipa::path(post, path = "/api/v1/moderation/comments/{id}/reject", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Rejected"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn reject(
    State(st): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, headers, id, Action::Set(CommentStatus::Rejected)).await
}

/// Delete a comment for good.
#[utoipa::path(delete, path = "/api/v1/moderation/comments/{id}", tag = "moderation",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn delete(
    State(st): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, AppError> {
    act(st, headers, id, Action::Delete).await
}
