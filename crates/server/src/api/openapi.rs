//! The content API's part of the OpenAPI document (`crate::openapi` merges every feature's).

use utoipa::OpenApi;

use super::{handlers, live, moderation, people, posting};

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
        live::changes,
        live::post,
        live::edit_post,
        live::delete_post,
        live::pin,
        live::status,
        moderation::approve,
        moderation::reject,
        moderation::delete,
        handlers::rails,
        handlers::most_read,
        handlers::search,
        people::topic,
        people::author
    ),
    components(schemas(
        broadsheet_content::ApiError,
        broadsheet_content::ErrorBody,
        broadsheet_content::ErrorCode,
        broadsheet_content::FieldError,
        broadsheet_content::Block,
        broadsheet_content::Inline
    ))
)]
pub struct ApiDoc;
