//! The one error type of every handler and extractor, its JSON shape, and the middleware that logs the failures
//! (as axum's `error-handling` example does: the cause travels in the response's extensions, never in its body).

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
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
    /// What went wrong, for the log only ([`log_errors`]).
    cause: Option<String>,
}

/// The cause of a failed answer, put in its extensions for [`log_errors`].
#[derive(Debug, Clone)]
struct Cause(String);

/// Middleware: logs every answer that failed on the server's side (5xx) with its method, path, status and the
/// cause its handler gave; other answers pass untouched.
pub async fn log_errors(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let res = next.run(req).await;
    let status = res.status();
    if status.is_server_error() {
        let cause = res
            .extensions()
            .get::<Cause>()
            .map(|c| c.0.as_str())
            .unwrap_or("");
        if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(%method, %path, %status, cause, "request not answered");
        } else {
            tracing::error!(%method, %path, %status, cause, "request failed");
        }
    }
    res
}

impl AppError {
    fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
            cause: None,
        }
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What the reader is told (never the cause of a fault of ours).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The fields a form got wrong, each with its message.
    pub fn fields(&self) -> &[FieldError] {
        &self.fields
    }

    /// What went wrong on our side, for the log.
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
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

    /// A request that does not prove it comes from whom it says (a webhook's signature): 401 saying why.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        AppError::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
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

    /// A fault of ours: `cause` goes to the log ([`log_errors`]), the client is told nothing of it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError {
            cause: Some(cause.to_string()),
            ..AppError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "The server could not answer this request. Please try again.",
            )
        }
    }
}

impl From<broadsheet_store::db::StoreError> for AppError {
    /// An unreachable or busy database is `503` with `Retry-After: 5`; any other failure is logged and `500`.
    fn from(e: broadsheet_store::db::StoreError) -> Self {
        match e {
            broadsheet_store::db::StoreError::Unavailable(cause) => AppError {
                retry_after: Some(5),
                cause: Some(format!("database unavailable: {cause}")),
                ..AppError::unavailable(
                    "The server cannot reach its database just now. Please try again shortly.",
                )
            },
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
        if let Some(cause) = self.cause {
            res.extensions_mut().insert(Cause(cause));
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    /// The log's lines, as a subscriber writes them.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::ErrorKind::Other)?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_failure_is_logged_with_its_cause_and_the_client_is_told_nothing_of_it() {
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = axum::Router::new()
            .route(
                "/boom",
                get(|| async { AppError::internal("the disk caught fire") }),
            )
            .route(
                "/gone",
                get(|| async { AppError::not_found("There is nothing here.") }),
            )
            .layer(axum::middleware::from_fn(log_errors));
        let ask = |path: &'static str| {
            let app = app.clone();
            async move {
                let req = axum::http::Request::get(path)
                    .body(axum::body::Body::empty())
                    .unwrap();
                let res = app.oneshot(req).await.unwrap();
                let status = res.status();
                let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
                (status, String::from_utf8_lossy(&body).into_owned())
            }
        };
        let (status, body) = ask("/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!body.contains("disk"), "{body}");
        let (status, _) = ask("/gone").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let log = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        assert!(
            log.contains("request failed")
                && log.contains("/boom")
                && log.contains("the disk caught fire"),
            "{log}"
        );
        assert!(
            !log.contains("/gone"),
            "a client's mistake is not a failure: {log}"
        );
    }
}
