use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_content::{ApiError, ErrorCode};

/// An error a handler returns; it becomes the API's one JSON error shape.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: ErrorCode,
    message: String,
}

impl AppError {
    pub fn bad_parameter(message: impl Into<String>) -> Self {
        AppError {
            status: StatusCode::BAD_REQUEST,
            code: ErrorCode::BadParameter,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError {
            status: StatusCode::NOT_FOUND,
            code: ErrorCode::NotFound,
            message: message.into(),
        }
    }

    /// Logs the cause and tells the client nothing of it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "request failed");
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: ErrorCode::Internal,
            message: "The server could not answer this request. Please try again.".into(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(ApiError::new(self.code, self.message))).into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}
