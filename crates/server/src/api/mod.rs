//! The content API under `/api/v1`.

mod error;
mod handlers;
mod moderation;
mod openapi;
pub(crate) mod params;
mod people;
pub(crate) mod posting;

use axum::routing::{delete, get, post};
use axum::Router;

pub use error::AppError;
pub use openapi::openapi_json;
pub use posting::CommentSettings;

use crate::AppState;

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
        .route("/oembed", get(crate::embed::oembed))
        .route("/rails", get(handlers::rails))
        .route("/search", get(handlers::search))
        .route("/topics/{topic}", get(people::topic))
        .route("/authors/{author}", get(people::author))
        .route("/openapi.json", get(handlers::openapi))
        .route(HEALTH_PATH, get(handlers::health))
        .fallback(handlers::not_found)
}
