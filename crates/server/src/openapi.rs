//! The OpenAPI 3.1 document of everything under `/api/v1`, merged from each feature's part (the content API, the
//! widgets' oEmbed, the newsletter's sign-up), generated from the types and handlers, not written by hand.
//! `docs/openapi.json` is this document; a test keeps the two equal.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

/// The whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = crate::api::ApiDoc::openapi();
    doc.merge(crate::embed::EmbedDoc::openapi());
    doc.merge(crate::newsletter::NewsletterDoc::openapi());
    doc.merge(crate::reads::ReadsDoc::openapi());
    doc
}

/// The document as pretty JSON.
pub fn openapi_json() -> String {
    document().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

/// `GET /openapi.json`, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/openapi.json",
        get(|| async {
            ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
        }),
    )
}
