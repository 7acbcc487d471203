//! Live blogs over HTTP: readers' pages ask what changed (`GET /api/v1/live/{section}/{slug}/changes?after=SEQ`,
//! the same answer for everyone, cached `CHANGES_MAX_AGE` seconds and purged by each change), and editors
//! post, edit, delete, pin and end with the moderation token. Each change goes through the write path
//! (`db::write::live::edit`) and purges the article's key and the blog's.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::live::{is_post_id, LiveStatus};
use broadsheet_store::answer::Ask;
use broadsheet_store::db::write::live::{edit, Change, Edited};
use serde::{Deserialize, Serialize};

use super::docs::ArticlePath;
use super::handlers::respond;
use super::moderation::Editor;
use crate::http::extract::ArticleAddress;
use crate::http::AppError;
use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct AfterQuery {
    after: Option<String>,
}

/// What changed in a live blog after change `after` (0: everything): posts written or edited since, posts
/// deleted since, the pinned post and the status. Shared caches keep it a few seconds; a change purges it.
#[utoipa::path(get, path = "/api/v1/live/{section}/{slug}/changes", tag = "live",
    params(ArticlePath, ("after" = Option<u64>, Query, description = "The change sequence the page shows (`Live::seq`); 0 when absent")),
    responses((status = 200, description = "The changes", body = broadsheet_content::live::Live),
              (status = 400, description = "`after` is not a whole number", body = broadsheet_content::ApiError),
              (status = 404, description = "No live blog at that address", body = broadsheet_content::ApiError)))]
pub async fn changes(
    State(st): State<AppState>,
    ArticleAddress { section, slug }: ArticleAddress,
    query: Result<Query<AfterQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(q) =
        query.map_err(|_| AppError::bad_parameter("The query string could not be read."))?;
    let after = match q.after.as_deref() {
        None => 0,
        Some(a) => a
            .parse::<u64>()
            .map_err(|_| AppError::bad_parameter("after must be a whole number from 0."))?,
    };
    respond(
        &st,
        Ask::LiveChanges {
            section,
            slug,
            after,
        },
    )
    .await
}

/// An editor's new post or new text for a post: `body` is Markdown, as in the content folder.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct PostText {
    #[serde(default)]
    pub title: Option<String>,
    /// Markdown with something to read (`422` otherwise).
    #[schema(min_length = 1, pattern = r"\S")]
    pub body: String,
    #[serde(default)]
    pub key_event: bool,
}

/// The pinned post (`null` to unpin).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Pinned {
    pub id: Option<String>,
}

/// The blog's status.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    pub status: LiveStatus,
}

/// What an editor's change did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LiveEdited {
    /// The post's id (a new post's is chosen by the server).
    pub id: Option<String>,
    /// The blog's change sequence now.
    pub seq: u64,
    /// What the Markdown's reading changed or left out (raw HTML, unsafe links), each a sentence.
    pub notes: Vec<String>,
}

fn blocks(text: &PostText) -> Result<(Vec<broadsheet_content::Block>, Vec<String>), AppError> {
    if text.body.trim().is_empty() {
        return Err(AppError::invalid(vec![broadsheet_content::FieldError {
            field: "body".into(),
            message: "Write the post.".into(),
        }]));
    }
    broadsheet_sources::markdown::body_to_blocks(&text.body)
        .map(|(b, notes)| {
            let notes = notes
                .into_iter()
                .map(|n| format!("line {}: {}", n.line, n.message))
                .collect();
            (b, notes)
        })
        .map_err(|e| AppError::bad_parameter(format!("body, line {}: {}", e.line, e.message)))
}

fn json<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    body.map(|Json(b)| b).map_err(|e| {
        AppError::bad_parameter(format!("The body could not be read: {}", e.body_text()))
    })
}

/// Applies `change` now, purges, and answers what it did.
async fn apply(
    st: AppState,
    (section, slug): (String, String),
    change: Change,
    notes: Vec<String>,
    created: bool,
) -> Result<Response, AppError> {
    let now = broadsheet_store::db::write::live::now();
    let done = st
        .db
        .write(move |c| edit(c, &section, &slug, &change, &now))
        .await?;
    let (id, seq, purge) = match done {
        Edited::Done { id, seq, purge } => (id, seq, purge),
        Edited::NoBlog => {
            return Err(AppError::not_found(
                "There is no live blog at this address.",
            ))
        }
        Edited::NoPost => {
            return Err(AppError::not_found(
                "There is no such post in this live blog.",
            ))
        }
    };
    // A failed purge is logged; open pages see the change when the cached answers expire.
    let _ = st.purger.purge(&purge).await;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut res = (status, Json(LiveEdited { id, seq, notes })).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

fn post_id(
    id: Result<Path<(String, String, String)>, PathRejection>,
) -> Result<(String, String, String), AppError> {
    let Path((section, slug, id)) =
        id.map_err(|_| AppError::not_found("There is no such post in this live blog."))?;
    if !is_post_id(&id) {
        return Err(AppError::not_found(
            "There is no such post in this live blog.",
        ));
    }
    Ok((section, slug, id))
}

/// Add a post, published now.
#[utoipa::path(post, path = "/api/v1/live/{section}/{slug}/posts", tag = "live", params(ArticlePath),
    request_body = PostText,
    responses((status = 201, description = "Posted", body = LiveEdited),
              (status = 400, body = broadsheet_content::ApiError), (status = 422, description = "An empty post", body = broadsheet_content::ApiError), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn post(
    State(st): State<AppState>,
    _: Editor,
    ArticleAddress { section, slug }: ArticleAddress,
    body: Result<Json<PostText>, JsonRejection>,
) -> Result<Response, AppError> {
    let text = json(body)?;
    let (body, notes) = blocks(&text)?;
    let change = Change::Post {
        title: text.title,
        body,
        key_event: text.key_event,
    };
    apply(st, (section, slug), change, notes, true).await
}

/// Replace a post's title, text and key-event flag; it shows as updated now.
#[utoipa::path(put, path = "/api/v1/live/{section}/{slug}/posts/{id}", tag = "live",
    params(ArticlePath, ("id" = String, Path)), request_body = PostText,
    responses((status = 200, description = "Edited", body = LiveEdited),
              (status = 400, body = broadsheet_content::ApiError), (status = 422, description = "An empty post", body = broadsheet_content::ApiError), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn edit_post(
    State(st): State<AppState>,
    _: Editor,
    id: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Json<PostText>, JsonRejection>,
) -> Result<Response, AppError> {
    let (section, slug, id) = post_id(id)?;
    let text = json(body)?;
    let (body, notes) = blocks(&text)?;
    let change = Change::Edit {
        id,
        title: text.title,
        body,
        key_event: text.key_event,
    };
    apply(st, (section, slug), change, notes, false).await
}

/// Delete a post: open pages remove it at their next poll.
#[utoipa::path(delete, path = "/api/v1/live/{section}/{slug}/posts/{id}", tag = "live",
    params(ArticlePath, ("id" = String, Path)),
    responses((status = 200, description = "Deleted", body = LiveEdited),
              (status = 401, body = broadsheet_content::ApiError), (status = 404, body = broadsheet_content::ApiError)))]
pub async fn delete_post(
    State(st): State<AppState>,
    _: Editor,
    id: Result<Path<(String, String, String)>, PathRejection>,
) -> Result<Response, AppError> {
    let (section, slug, id) = post_id(id)?;
    apply(st, (section, slug), Change::Delete { id }, vec![], false).await
}

/// Pin a post above the stream on the first page, or unpin (`{"id": null}`).
#[utoipa::path(put, path = "/api/v1/live/{section}/{slug}/pinned", tag = "live", params(ArticlePath),
    request_body = Pinned,
    responses((status = 200, description = "Pinned", body = LiveEdited),
              (status = 400, body = broadsheet_content::ApiError), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn pin(
    State(st): State<AppState>,
    _: Editor,
    ArticleAddress { section, slug }: ArticleAddress,
    body: Result<Json<Pinned>, JsonRejection>,
) -> Result<Response, AppError> {
    let Pinned { id } = json(body)?;
    if id.as_deref().is_some_and(|i| !is_post_id(i)) {
        return Err(AppError::not_found(
            "There is no such post in this live blog.",
        ));
    }
    apply(st, (section, slug), Change::Pin { id }, vec![], false).await
}

/// End the blog (its coverage ends now; pages stop polling) or take it up again.
#[utoipa::path(put, path = "/api/v1/live/{section}/{slug}/status", tag = "live", params(ArticlePath),
    request_body = StatusBody,
    responses((status = 200, description = "Set", body = LiveEdited),
              (status = 400, body = broadsheet_content::ApiError), (status = 401, body = broadsheet_content::ApiError),
              (status = 404, body = broadsheet_content::ApiError)))]
pub async fn status(
    State(st): State<AppState>,
    _: Editor,
    ArticleAddress { section, slug }: ArticleAddress,
    body: Result<Json<StatusBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let StatusBody { status } = json(body)?;
    apply(
        st,
        (section, slug),
        Change::Status { status },
        vec![],
        false,
    )
    .await
}
