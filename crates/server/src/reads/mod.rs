//! Most read, the counting side: `POST /api/v1/reads` (what `broadsheet_content::reads` defines) counts a view of
//! an article, and a task writes the counts to the store every few seconds. The list itself is an answer of the
//! API (`/api/v1/most-read`, `broadsheet_store::answer`).
//!
//! Not counted: known bots (isbot's patterns, which include headless browsers and Lighthouse), prefetches and
//! prerenders (`Sec-Purpose`), readers whose browser sends Global Privacy Control (`Sec-GPC: 1`), and a reader's
//! second view of an article the same day (`counter`). The app leaves out `navigator.webdriver`, pages still
//! prerendering and readers who opted out, and sends nothing for them.

pub mod counter;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use broadsheet_content::reads::READS_API_PATH;
use broadsheet_content::Page;
use broadsheet_store::db::{reads, Db};

use crate::http::client_ip::ClientIp;
use crate::http::AppError;
use crate::AppState;
use counter::Counter;

/// How often the counts are written: a read shows in the list this long after it at most, plus the list's
/// cache lifetime.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// The longest body `POST /reads` takes: an article's path is at most 243 bytes (two slugs of 120).
const MAX_BODY: usize = 4096;

/// What counting needs: the day's readers and waiting counts, and the bots' patterns (compiled once).
#[derive(Default)]
pub struct Reads {
    pub counter: Counter,
    bots: isbot::Bots,
}

impl Reads {
    /// True if a request with these headers is from someone who should not be counted: a known bot (or no user
    /// agent at all), a prefetch or prerender, or a browser sending Global Privacy Control.
    fn left_out(&self, headers: &HeaderMap) -> bool {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let agent = text("user-agent").unwrap_or("").trim();
        agent.is_empty()
            || self.bots.is_bot(agent)
            || text("sec-purpose").is_some_and(|p| p.contains("prefetch"))
            || text("sec-gpc").is_some_and(|g| g.trim() == "1")
    }
}

/// This feature's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(read), components(schemas(ArticlePath)))]
pub struct ReadsDoc;

/// An article's app path, `/{section}/{slug}` (slugs as `broadsheet_content::is_valid_slug` allows), as the body
/// of `POST /reads`.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, pattern = r"^/[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$",
    example = "/housing/damp-checks")]
pub struct ArticlePath(pub String);

/// The counting routes, relative to `/api/v1`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route(READS_API_PATH, post(read))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// A view of the article whose app path is the body. `204` whether it counted or not (a beacon reads no
/// answer, and a bot learns nothing); `400` for a body that is no path of the site; `404` for a path with no
/// article (another page, or an article that does not exist). Never stored by a cache.
#[utoipa::path(post, path = "/api/v1/reads", tag = "most read",
    request_body(content = ArticlePath, content_type = "text/plain", description = "The article's path, `/{section}/{slug}`"),
    responses((status = 204, description = "Taken (counted, or left out as a repeat, a bot or a reader who opted out)"),
              (status = 400, description = "No path of the site", body = broadsheet_content::ApiError),
              (status = 404, description = "No article at this path", body = broadsheet_content::ApiError)))]
pub async fn read(
    State(st): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: String,
) -> Result<Response, AppError> {
    let (section, slug) = match Page::parse(body.trim(), None) {
        Some(Page::Article { section, slug, .. }) => (section, slug),
        Some(_) => return Err(AppError::not_found("There is no article at this address.")),
        None if body.trim().starts_with('/') => {
            return Err(AppError::not_found("There is no article at this address."))
        }
        None => {
            return Err(AppError::bad_parameter(
                "The body must be an article's path, like /housing/damp-checks.",
            ))
        }
    };
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Who is not counted costs no query.
    if st.reads.left_out(&headers) {
        return Ok(res);
    }
    let id = st
        .db
        .run(move |c| reads::article_id(c, &section, &slug))
        .await?
        .ok_or_else(|| AppError::not_found("There is no article at this address."))?;
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let now = chrono::Utc::now().timestamp();
    st.reads.counter.count(now, client, agent, id);
    Ok(res)
}

/// Writes the waiting counts every [`FLUSH_EVERY`] (counts a failed write could not store wait for the next),
/// starts each new day's key on time, and once an hour removes counts older than [`reads::KEEP_HOURS`].
pub fn spawn_flusher(db: Db, reads: Arc<Reads>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(FLUSH_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pruned_hour = i64::MIN;
        loop {
            every.tick().await;
            let now = chrono::Utc::now().timestamp();
            reads.counter.rotate(now);
            let hour = broadsheet_content::reads::hour_of(now);
            if hour != pruned_hour {
                pruned_hour = hour;
                if let Err(e) = db.run(move |c| reads::prune(c, hour)).await {
                    tracing::warn!("most read: old counts not removed: {e}");
                }
            }
            let tallies = reads.counter.take();
            if tallies.is_empty() {
                continue;
            }
            let kept = tallies.clone();
            if let Err(e) = db.run(move |c| reads::record(c, &tallies)).await {
                tracing::warn!("most read: counts not written, kept for the next try: {e}");
                reads.counter.put_back(kept);
            }
        }
    });
}
