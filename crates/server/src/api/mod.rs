//! The content API under `/api/v1`.

mod docs;
mod handlers;
mod live;
mod moderation;
mod openapi;
mod people;
pub(crate) mod posting;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::Router;

pub use openapi::ApiDoc;

use crate::AppState;
use broadsheet_content::reads::MOST_READ_API_PATH;

/// The health check under `/api/v1` that load balancers and Varnish's probe ask (`docs/deploying.md`): `200`
/// when the database answers, `503` when it does not.
pub const HEALTH_PATH: &str = "/health";

/// The API routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/front", get(handlers::front))
        .route("/sections", get(handlers::sections))
        .route("/sections/{section}", get(handlers::section))
        .route("/articles", get(handlers::articles))
        .route("/articles/{section}/{slug}", get(handlers::article))
        .route(
            "/articles/{section}/{slug}/comments",
            get(handlers::comments).post(posting::post_comment),
        )
        .route("/moderation/comments", get(moderation::list))
        .route(
            "/moderation/comments/{id}/approve",
            post(moderation::approve),
        )
        .route("/moderation/comments/{id}/reject", post(moderation::reject))
        .route("/moderation/comments/{id}", delete(moderation::delete))
        .route("/live/{section}/{slug}/changes", get(live::changes))
        .route("/live/{section}/{slug}/posts", post(live::post))
        .route(
            "/live/{section}/{slug}/posts/{id}",
            put(live::edit_post).delete(live::delete_post),
        )
        .route("/live/{section}/{slug}/pinned", put(live::pin))
        .route("/live/{section}/{slug}/status", put(live::status))
        .route("/rails", get(handlers::rails))
        .route(MOST_READ_API_PATH, get(handlers::most_read))
        .route("/search", get(handlers::search))
        .route("/topics/{topic}", get(people::topic))
        .route("/authors/{author}", get(people::author))
        .route(HEALTH_PATH, get(handlers::health))
        .fallback(handlers::not_found)
}

/// Middleware: an API answer to `GET` that names no surrogate keys (the OpenAPI document, the newsletter's
/// answers) and sets no `Cache-Control` of its own may be kept 30 s, and served stale for 5 minutes while it is
/// fetched again.
pub async fn default_cache_control(req: Request, next: Next) -> Response {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let mut res = next.run(req).await;
    if read
        && res.status() == StatusCode::OK
        && res.extensions().get::<crate::cache::Keys>().is_none()
    {
        res.headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(
                "public, max-age=30, stale-while-revalidate=300",
            ));
    }
    res
}
