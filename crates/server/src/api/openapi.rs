use utoipa::OpenApi;

use super::{handlers, moderation, people, posting};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Broadsheet content API",
        version = "1.0.0",
        description = "The JSON content API behind Broadsheet. See docs/content-api.md."
    ),
    paths(
        handlers::front,
        handlers::sections,
        handlers::section,
        handlers::articles,
        handlers::article,
        handlers::comments,
        posting::post_comment,
        moderation::list,
        moderation::approve,
        moderation::reject,
        moderation::delete,
        handlers::rails,
        handlers::search,
        people::topic,
        people::author,
        crate::embed::oembed,
        crate::newsletter::signup::api
    ),
    components(schemas(
        broadsheet_content::ApiError,
        broadsheet_content::ErrorBody,
        broadsheet_content::ErrorCode,
        broadsheet_content::FieldError,
        broadsheet_content::Block,
        broadsheet_content::Inline,
        broadsheet_content::Edition
    ))
)]
struct ApiDoc;

/// The OpenAPI 3.1 document, generated from the types and handlers (not written by hand).
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}
