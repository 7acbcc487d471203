use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::{ApiError, ErrorCode, FieldError};

/// An error a handler returns; it becomes the API's one JSON error shape.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    fields: Vec<FieldError>,
    retry_after: Option<u64>,
}

impl AppError {
    fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// A posted form that breaks rules: 422 with what is wrong with each field.
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        AppError {
            fields,
            ..AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Invalid,
                "Please check the highlighted fields.",
            )
        }
    }

    pub fn comments_closed() -> Self {
        AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::CommentsClosed,
            "Comments are closed on this article.",
        )
    }

    /// 429, with `Retry-After` in whole seconds, for comments.
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        AppError::too_many(wait, "posted several comments")
    }

    /// 429, with `Retry-After` in whole seconds: "You have {done} in a short time…".
    pub fn too_many(wait: std::time::Duration, done: &str) -> Self {
        let secs = wait.as_secs().max(1);
        AppError {
            retry_after: Some(secs),
            ..AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                format!(
                    "You have {done} in a short time. Please try again in {} minutes.",
                    secs.div_ceil(60)
                ),
            )
        }
    }

    pub fn unauthorized() -> Self {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "Moderation needs the editors' token.",
        )
    }

    pub fn bad_parameter(message: impl Into<String>) -> Self {
        AppError::new(StatusCode::BAD_REQUEST, ErrorCode::BadParameter, message)
    }

    /// 501: something the API does not offer (an oEmbed format other than JSON).
    pub fn not_implemented(message: impl Into<String>) -> Self {
        AppError::new(
            StatusCode::NOT_IMPLEMENTED,
            ErrorCode::NotImplemented,
            message,
        )
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 503: the server cannot do its work just now (its database does not answer).
    pub fn unavailable(message: impl Into<String>) -> Self {
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            message,
        )
    }

    /// Logs the cause and tells the client nothing of it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "request failed");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "The server could not answer this request. Please try again.",
        )
    }
}

impl From<broadsheet_store::db::StoreError> for AppError {
    /// An unreachable or busy database is `503` with `Retry-After: 5`; any other failure is logged and `500`.
    fn from(e: broadsheet_store::db::StoreError) -> Self {
        match e {
            broadsheet_store::db::StoreError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                AppError {
                    retry_after: Some(5),
                    ..AppError::unavailable(
                        "The server cannot reach its database just now. Please try again shortly.",
                    )
                }
            }
            e @ (broadsheet_store::db::StoreError::Failed(_)
            | broadsheet_store::db::StoreError::NoRows) => AppError::internal(e),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut body = ApiError::new(self.code, self.message);
        body.error.fields = self.fields;
        let mut res = (self.status, Json(body)).into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}
