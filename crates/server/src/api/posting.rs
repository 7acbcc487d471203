//! `POST /api/v1/articles/{section}/{slug}/comments`: a comment as JSON, taken by `crate::comments::take`.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use broadsheet_content::{CommentStatus, NewComment, PostedComment};

use crate::comments::{take, thanks};
use crate::http::client_ip::ClientIp;
use crate::http::extract::ArticleAddress;
use crate::http::AppError;
use crate::AppState;

/// Post a comment on an article.
#[utoipa::path(post, path = "/api/v1/articles/{section}/{slug}/comments", tag = "comments",
    params(super::docs::ArticlePath),
    request_body = NewComment,
    responses(
        (status = 201, description = "Published at once (policy `publish`)", body = PostedComment),
        (status = 202, description = "Held for moderation", body = PostedComment),
        (status = 400, description = "Not a readable comment, or a malformed key", body = broadsheet_content::ApiError),
        (status = 403, description = "Comments are closed on this article", body = broadsheet_content::ApiError),
        (status = 404, description = "No such article", body = broadsheet_content::ApiError),
        (status = 422, description = "Breaks a rule; `fields` says which", body = broadsheet_content::ApiError),
        (status = 429, description = "Too many posts; see `Retry-After`", body = broadsheet_content::ApiError)))]
pub async fn post_comment(
    State(st): State<AppState>,
    ClientIp(client): ClientIp,
    ArticleAddress { section, slug }: ArticleAddress,
    body: Result<Json<NewComment>, JsonRejection>,
) -> Result<(StatusCode, Json<PostedComment>), AppError> {
    let Json(new) = body.map_err(|_| {
        AppError::bad_parameter("The comment could not be read: send JSON with a name and a body.")
    })?;
    let (id, status) = take(&st, client, (section, slug), new).await?;
    let code = match status {
        CommentStatus::Published => StatusCode::CREATED,
        _ => StatusCode::ACCEPTED,
    };
    Ok((
        code,
        Json(PostedComment {
            id,
            status,
            message: thanks(status).into(),
        }),
    ))
}
