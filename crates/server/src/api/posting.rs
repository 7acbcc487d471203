//! Readers post comments: validated by the shared rules, rate limited per client, stored once per key.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::rejection::JsonRejection;
use axum::extract::State;

use axum::http::StatusCode;
use axum::Json;
use broadsheet_content::{CommentStatus, NewComment, PostedComment};

use crate::cache::{keys, Keys};
use crate::config::CommentPolicy;
use crate::http::client_ip::ClientIp;
use crate::http::extract::ArticleAddress;
use crate::http::AppError;
use crate::AppState;
use broadsheet_store::db::rate_limit::RateLimiter;
use broadsheet_store::db::{comments, queries};

/// How comments are taken, from the configuration.
pub struct CommentSettings {
    pub policy: CommentPolicy,
    pub token: Option<String>,
    pub limiter: RateLimiter,
}

/// A client's key: 8 to 64 letters, digits, `-` or `_`.
fn valid_key(k: &str) -> bool {
    (8..=64).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A key for a post that came without one.
fn server_key() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("server-{nanos}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn answer(id: i64, status: CommentStatus) -> (StatusCode, Json<PostedComment>) {
    let (code, message) = match status {
        CommentStatus::Published => (StatusCode::CREATED, "Thanks, your comment is published."),
        _ => (
            StatusCode::ACCEPTED,
            "Thanks, your comment will appear once an editor has approved it.",
        ),
    };
    (
        code,
        Json(PostedComment {
            id,
            status,
            message: message.into(),
        }),
    )
}

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
    let problems = new.problems();
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let key = match &new.key {
        Some(k) if valid_key(k) => k.clone(),
        Some(_) => {
            return Err(AppError::bad_parameter(
                "key must be 8 to 64 letters, digits, - or _.",
            ))
        }
        None => server_key(),
    };
    st.comments
        .limiter
        .check(&st.db, client)
        .await?
        .map_err(AppError::rate_limited)?;
    // A bot filled in the hidden field: it is told what a person would be told, and nothing is stored.
    if !new.website.is_empty() {
        tracing::info!(%client, "honeypot post dropped");
        return Ok(answer(0, CommentStatus::Pending));
    }
    let status = match st.comments.policy {
        CommentPolicy::Moderate => CommentStatus::Pending,
        CommentPolicy::Publish => CommentStatus::Published,
    };
    let (name, text) = new.cleaned();
    let article_key = keys::article(&section, &slug);
    let now = comments::now();
    let stored = st
        .db
        .run(move |c| {
            let Some((id, article)) = queries::article(c, &section, &slug)? else {
                return Ok(None);
            };
            if !article.comments_open {
                return Ok(Some(None));
            }
            comments::post(c, id, (&name, &text), &key, status, &now).map(|r| Some(Some(r)))
        })
        .await?;
    match stored {
        None => Err(AppError::not_found("There is no article at this address.")),
        Some(None) => Err(AppError::comments_closed()),
        Some(Some((id, status))) => {
            if status == CommentStatus::Published {
                // Failures are logged; the comment shows when the cached answers expire.
                let _ = st.purger.purge(&Keys::of([article_key])).await;
            }
            Ok(answer(id, status))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_key;

    #[test]
    fn keys() {
        assert!(valid_key("draft-1a2b3c4d"));
        assert!(!valid_key("short"));
        assert!(!valid_key("has space in it"));
        assert!(!valid_key(&"k".repeat(65)));
    }
}
