//! Readers' comments taken, from the API (JSON) or the comment page's form: validated by the shared rules, rate
//! limited per client, stored once per key.

use std::sync::atomic::{AtomicU64, Ordering};

use broadsheet_content::{CommentStatus, NewComment};

use crate::cache::{keys, Keys};
use crate::config::CommentPolicy;
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
pub(super) fn valid_key(k: &str) -> bool {
    (8..=64).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A key for a post that came without one, and for the comment page's form (sent back with it, so a post sent
/// twice is stored once).
pub fn new_key() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("server-{nanos}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Takes `new` on the article at `/{section}/{slug}` from `client`: checked by the shared rules, rate limited,
/// stored once per key, and the article purged if it is published at once. The comment's id and status, or the
/// error to answer (the API's JSON and the comment page alike).
pub async fn take(
    st: &AppState,
    client: std::net::IpAddr,
    (section, slug): (String, String),
    new: NewComment,
) -> Result<(i64, CommentStatus), AppError> {
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
        None => new_key(),
    };
    st.comments
        .limiter
        .check(&st.db, client)
        .await?
        .map_err(AppError::rate_limited)?;
    // A bot filled in the hidden field: it is told what a person would be told, and nothing is stored.
    if !new.website.is_empty() {
        tracing::info!(%client, "honeypot post dropped");
        return Ok((0, CommentStatus::Pending));
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
            Ok((id, status))
        }
    }
}

/// What the reader is told when a comment is taken.
pub fn thanks(status: CommentStatus) -> &'static str {
    match status {
        CommentStatus::Published => "Thanks, your comment is published.",
        _ => "Thanks, your comment will appear once an editor has approved it.",
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
