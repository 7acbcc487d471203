//! Posting a comment: the request, what its answer means for the reader, and the draft kept in local storage
//! until the comment is accepted, so a failure, a reload or a closed tab loses nothing.

use broadsheet_content::{ApiError, ErrorCode, FieldError, NewComment, Page, PostedComment};
use serde::{Deserialize, Serialize};

use crate::api::FetchError;

/// Why a post was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum PostError {
    /// Rules the server found broken, per field.
    Invalid(Vec<FieldError>),
    /// Too many posts; try again in this many seconds.
    RateLimited(u64),
    /// The article does not take comments.
    Closed,
    /// The request failed (network, server, timeout).
    Failed(FetchError),
}

impl PostError {
    /// What the reader is told. The draft is always kept, and the message says so where it matters.
    pub fn message(&self) -> String {
        match self {
            PostError::Invalid(_) => "Please check the highlighted fields.".into(),
            PostError::RateLimited(secs) => {
                let minutes = secs.div_ceil(60).max(1);
                let when = if minutes == 1 {
                    "a minute".to_string()
                } else {
                    format!("{minutes} minutes")
                };
                format!("You have posted several comments in a short time. Please try again in {when}; your comment is saved here.")
            }
            PostError::Closed => "Comments are closed on this article.".into(),
            PostError::Failed(e) => {
                format!("{e} Your comment is saved here and has not been lost.")
            }
        }
    }
}

/// Classifies the answer to a post.
pub fn decode_post(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Result<PostedComment, PostError> {
    match status {
        200..=299 => {
            crate::json::from_str(body).map_err(|_| PostError::Failed(FetchError::Malformed))
        }
        422 => match crate::json::from_str::<ApiError>(body) {
            Ok(e) if !e.error.fields.is_empty() => Err(PostError::Invalid(e.error.fields)),
            _ => Err(PostError::Failed(FetchError::Status(422))),
        },
        429 => Err(PostError::RateLimited(
            retry_after
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(600),
        )),
        403 if crate::json::from_str::<ApiError>(body)
            .is_ok_and(|e| e.error.code == ErrorCode::CommentsClosed) =>
        {
            Err(PostError::Closed)
        }
        404 => Err(PostError::Failed(FetchError::NotFound)),
        s => Err(PostError::Failed(FetchError::Status(s))),
    }
}

/// Posts `comment` on the article at `article_path` (`/section/slug`).
pub async fn post(article_path: &str, comment: &NewComment) -> Result<PostedComment, PostError> {
    let Some(api) = Page::parse(article_path, None).and_then(|p| p.comments_api_path()) else {
        return Err(PostError::Closed);
    };
    let url = crate::api::url(&api);
    let request = gloo_net::http::Request::post(&url)
        .header("Accept", "application/json")
        .json(comment)
        .map_err(|_| PostError::Failed(FetchError::Malformed))?;
    let response = request
        .send()
        .await
        .map_err(|_| PostError::Failed(FetchError::Network))?;
    let retry_after = response.headers().get("retry-after");
    let body = response
        .text()
        .await
        .map_err(|_| PostError::Failed(FetchError::Network))?;
    decode_post(response.status(), retry_after.as_deref(), &body)
}

/// What the reader has typed for one article, with the key that makes a retried post count once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub body: String,
    pub key: String,
}

/// The local-storage entry of an article's draft.
pub fn draft_key(article_path: &str) -> String {
    format!("broadsheet:draft:{article_path}")
}

/// A fresh key for a new draft: 8 to 64 of `[A-Za-z0-9-]`, as the API asks.
pub fn new_key() -> String {
    let r = (js_sys::Math::random() * 1e15) as u64;
    format!("d-{:x}-{r:x}", js_sys::Date::now() as u64)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The saved draft for an article, if any (unreadable entries are ignored).
pub fn load_draft(article_path: &str) -> Option<Draft> {
    let raw = storage()?.get_item(&draft_key(article_path)).ok()??;
    crate::json::from_str(&raw).ok()
}

/// Saves the draft; an empty one is removed.
pub fn save_draft(article_path: &str, draft: &Draft) {
    let Some(s) = storage() else { return };
    let key = draft_key(article_path);
    if draft.name.is_empty() && draft.body.is_empty() {
        let _ = s.remove_item(&key);
    } else if let Ok(json) = serde_json::to_string(draft) {
        let _ = s.set_item(&key, &json);
    }
}

/// Forgets the draft once the comment is accepted.
pub fn clear_draft(article_path: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&draft_key(article_path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified() {
        let ok = decode_post(
            202,
            None,
            r#"{"id":7,"status":"pending","message":"Thanks"}"#,
        );
        assert_eq!(ok.map(|p| p.id), Ok(7));
        let invalid = decode_post(
            422,
            None,
            r#"{"error":{"code":"invalid","message":"m","fields":[{"field":"body","message":"Write your comment."}]}}"#,
        );
        assert!(matches!(invalid, Err(PostError::Invalid(f)) if f[0].field == "body"));
        assert_eq!(
            decode_post(429, Some("120"), "{}"),
            Err(PostError::RateLimited(120))
        );
        assert_eq!(
            decode_post(429, Some("soon"), "{}"),
            Err(PostError::RateLimited(600))
        );
        assert_eq!(
            decode_post(
                403,
                None,
                r#"{"error":{"code":"comments_closed","message":"m"}}"#
            ),
            Err(PostError::Closed)
        );
        assert_eq!(
            decode_post(500, None, "<html>"),
            Err(PostError::Failed(FetchError::Status(500)))
        );
        assert_eq!(
            decode_post(201, None, "{not json"),
            Err(PostError::Failed(FetchError::Malformed))
        );
    }

    #[test]
    fn messages_say_the_draft_is_kept_when_it_matters() {
        assert!(PostError::Failed(FetchError::Network)
            .message()
            .contains("saved"));
        assert!(PostError::RateLimited(30).message().contains("in a minute"));
        assert!(PostError::RateLimited(600)
            .message()
            .contains("in 10 minutes"));
    }
}
