//! `ETag` and `If-None-Match` for API responses, and their `Cache-Control`.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// API bodies are small; anything larger than this is passed through without a validator.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// FNV-1a, 64 bits: stable across builds and restarts, which `DefaultHasher` is not.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// True when an `If-None-Match` header value names `etag` (weak comparison, as RFC 9110 asks for GET).
fn matches(if_none_match: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| bare(t) == bare(etag))
}

/// Middleware: adds a weak ETag and Cache-Control to successful GET/HEAD responses; answers 304 when the
/// client already has that version.
pub async fn etag(req: Request, next: Next) -> Response {
    let cacheable = matches!(*req.method(), Method::GET | Method::HEAD);
    let inm = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let res = next.run(req).await;
    if !cacheable || res.status() != StatusCode::OK {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = format!("W/\"{:016x}\"", fnv1a(&bytes));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, v);
    }
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(
            "public, max-age=30, stale-while-revalidate=300",
        ));
    if inm.is_some_and(|v| matches(&v, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_comparison() {
        assert!(matches("W/\"ab\"", "W/\"ab\""));
        assert!(matches("\"ab\"", "W/\"ab\""));
        assert!(matches("\"x\", W/\"ab\"", "W/\"ab\""));
        assert!(matches("*", "W/\"ab\""));
        assert!(!matches("W/\"ac\"", "W/\"ab\""));
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
    }
}
