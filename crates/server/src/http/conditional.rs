//! Conditional GET, once for every cacheable answer (API, pages, feeds, sitemaps): a weak `ETag` over the body,
//! `If-None-Match` and `If-Modified-Since` answered with `304 Not Modified` (RFC 9110 §13.1.2, §13.1.3, §13.2.2).
//!
//! The layer sits outside the cache policy (`crate::cache::policy::headers`), so a `304` carries every header the
//! `200` would: `ETag`, `Cache-Control`, `Vary`, `Last-Modified`, `Surrogate-Key` (§15.4.5). Files (scripts,
//! styles, images, the wasm) are left to the static file service, which answers `If-Modified-Since` itself.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::SystemTime;

/// Answers are built in memory and are small (a sitemap part of 50,000 URLs is about 6 MB); a larger body is
/// passed through without a validator.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// The weak validator of a body: `W/"<16 hex digits>"`, its XXH3 64-bit hash. XXH3 is specified
/// (Cyan4973/xxHash, `doc/xxhash_spec.md`), so the tag is stable across builds, restarts and instances, which
/// `DefaultHasher` is not; and it reads many bytes per cycle, where FNV-1a read one at a time and cost a 93 KB
/// front page about a tenth of its CPU time (issue 23's profile, docs/performance.md).
pub fn weak_etag(body: &[u8]) -> String {
    format!("W/\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(body))
}

/// True when an `If-None-Match` value names `etag` by weak comparison (RFC 9110 §8.8.3.2), or is `*`.
fn none_match_hits(if_none_match: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| bare(t) == bare(etag))
}

/// True when the representation last modified at `last_modified` is no newer than `if_modified_since`; both are
/// HTTP dates in any of the three forms RFC 9110 §5.6.7 accepts (IMF-fixdate, RFC 850, asctime). An invalid date
/// is ignored, as the RFC asks.
fn unmodified_since(if_modified_since: &str, last_modified: &str) -> bool {
    let parse = |s: &str| httpdate::parse_http_date(s.trim()).ok();
    match (parse(if_modified_since), parse(last_modified)) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// An HTTP date (IMF-fixdate) for `Last-Modified`: `Tue, 01 Dec 2026 09:30:00 GMT`.
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

/// Answers readers and caches revalidate: documents, not files.
fn is_answer(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or("").trim();
    matches!(essence, "text/html" | "text/plain")
        || essence.ends_with("json")
        || essence.ends_with("xml")
}

fn never_stored(headers: &HeaderMap) -> bool {
    headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"))
}

/// The request's validators: `If-None-Match` wins; `If-Modified-Since` counts only without it (§13.2.2).
enum Precondition {
    NoneMatch(String),
    ModifiedSince(String),
    None,
}

impl Precondition {
    fn of(headers: &HeaderMap) -> Self {
        let get = |h| headers.get(h).and_then(|v: &HeaderValue| v.to_str().ok());
        match (get(header::IF_NONE_MATCH), get(header::IF_MODIFIED_SINCE)) {
            (Some(inm), _) => Precondition::NoneMatch(inm.to_string()),
            (None, Some(ims)) => Precondition::ModifiedSince(ims.to_string()),
            (None, None) => Precondition::None,
        }
    }

    /// True when the client's copy is current.
    fn holds(&self, headers: &HeaderMap) -> bool {
        let get = |h| headers.get(h).and_then(|v: &HeaderValue| v.to_str().ok());
        match self {
            Precondition::NoneMatch(inm) => {
                get(header::ETAG).is_some_and(|e| none_match_hits(inm, e))
            }
            Precondition::ModifiedSince(ims) => {
                get(header::LAST_MODIFIED).is_some_and(|lm| unmodified_since(ims, lm))
            }
            Precondition::None => false,
        }
    }
}

/// Middleware: on a `GET` or `HEAD` answered `200` with a document, adds a weak `ETag` (unless the answer has
/// one) and `Vary: Accept-Encoding`, and answers `304` with the same headers and no body when the request's
/// validators say the client has this version. Other answers pass as they are.
pub async fn conditional(req: Request, next: Next) -> Response {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let pre = Precondition::of(req.headers());
    let res = next.run(req).await;
    if !read || res.status() != StatusCode::OK || !is_answer(res.headers()) {
        return res;
    }
    if never_stored(res.headers()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        tracing::error!("an answer over {MAX_BODY} bytes could not be read for its ETag");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if !parts.headers.contains_key(header::ETAG) {
        if let Ok(v) = HeaderValue::from_str(&weak_etag(&bytes)) {
            parts.headers.insert(header::ETAG, v);
        }
    }
    // Compression varies the bytes by Accept-Encoding; said here so that the 304 says it too (the compression
    // layer leaves out `Vary` on bodies it does not compress, such as the 304's empty one).
    let varies = parts.headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        parts
            .headers
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if pre.holds(&parts.headers) {
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
    fn if_none_match_compares_weakly_and_takes_lists_and_a_star() {
        assert!(none_match_hits("W/\"ab\"", "W/\"ab\""));
        assert!(none_match_hits("\"ab\"", "W/\"ab\""));
        assert!(none_match_hits("\"x\", W/\"ab\"", "W/\"ab\""));
        assert!(none_match_hits("*", "W/\"ab\""));
        assert!(!none_match_hits("W/\"ac\"", "W/\"ab\""));
        assert_ne!(weak_etag(b"a"), weak_etag(b"b"));
    }

    #[test]
    fn if_modified_since_reads_the_three_date_forms() {
        let modified = "Sun, 06 Nov 1994 08:49:37 GMT";
        for same in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert!(unmodified_since(same, modified), "{same}");
        }
        assert!(unmodified_since("Sun, 06 Nov 1994 08:49:38 GMT", modified));
        assert!(!unmodified_since("Sun, 06 Nov 1994 08:49:36 GMT", modified));
        assert!(!unmodified_since("yesterday", modified));
    }
}
