use serde::{Deserialize, Serialize};

/// The one error shape of the API: `{"error": {"code": "not_found", "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorBody,
}

/// The body of [`ApiError`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable, machine-readable code.
    pub code: ErrorCode,
    /// A sentence for humans; never internals.
    pub message: String,
    /// With `invalid`: what is wrong with each field of a posted form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<crate::FieldError>,
}

/// Stable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A query or path parameter is malformed (400).
    BadParameter,
    /// No such section, article or route (404).
    NotFound,
    /// Something failed on the server (500); the message says nothing of internals.
    Internal,
    /// A posted form breaks a rule; `fields` says which (422).
    Invalid,
    /// The article does not take comments (403).
    CommentsClosed,
    /// Too many posts from this client; the `Retry-After` header says when to try again (429).
    RateLimited,
    /// A moderation request without the right token (401).
    Unauthorized,
    /// A format or feature the API does not offer (501).
    NotImplemented,
    /// The server cannot reach its database just now; `Retry-After` says when to try again (503).
    Unavailable,
    #[serde(other)]
    Other,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            error: ErrorBody {
                code,
                message: message.into(),
                fields: Vec::new(),
            },
        }
    }
}
