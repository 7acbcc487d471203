//! The content API under `/api/v1`.

mod error;
mod handlers;
mod openapi;
mod params;

use axum::routing::get;
use axum::Router;

pub use error::AppError;
pub use openapi::openapi_json;

use crate::AppState;

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
            get(handlers::comments),
        )
        .route("/rails", get(handlers::rails))
        .route("/search", get(handlers::search))
        .route("/openapi.json", get(handlers::openapi))
        .fallback(handlers::not_found)
}
