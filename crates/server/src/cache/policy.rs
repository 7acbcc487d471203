//! `Cache-Control` for browsers and shared caches, on every answer that names its surrogate keys.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Keys;

/// The `Surrogate-Key` response header (Fastly's name; the VCL in `docs/deploying.md` reads it into `xkey`).
pub const SURROGATE_KEY: HeaderName = HeaderName::from_static("surrogate-key");

/// How long answers may be kept, in seconds (RFC 9111 `max-age`, `s-maxage`; RFC 5861 the two `stale-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CachePolicy {
    /// What a browser keeps: 60 s, so a reader who reloads sees an edit within a minute.
    pub max_age: u32,
    /// What a shared cache keeps: [`PURGED_SHARED_MAX_AGE`] when changes are purged there (`--purge-url`), else
    /// [`UNPURGED_SHARED_MAX_AGE`]; `--shared-max-age` overrides both.
    pub shared_max_age: u32,
    /// How long past that a cache may serve the old answer while it fetches the new one in the background.
    pub stale_while_revalidate: u32,
    /// How long past that a cache may serve the old answer when the server fails or cannot be reached.
    pub stale_if_error: u32,
}

/// A day: shared caches that are told of every change can keep answers that long.
pub const PURGED_SHARED_MAX_AGE: u32 = 86_400;
/// A minute: without purging, the longest an edit may take to show.
pub const UNPURGED_SHARED_MAX_AGE: u32 = 60;

impl CachePolicy {
    /// The policy for a server that purges (`purged`) or does not, with `--shared-max-age` if given.
    pub fn new(purged: bool, shared_max_age: Option<u32>) -> Self {
        CachePolicy {
            max_age: 60,
            shared_max_age: shared_max_age.unwrap_or(if purged {
                PURGED_SHARED_MAX_AGE
            } else {
                UNPURGED_SHARED_MAX_AGE
            }),
            stale_while_revalidate: 60,
            stale_if_error: 86_400,
        }
    }

    /// The `Cache-Control` value, e.g. `public, max-age=60, s-maxage=86400, stale-while-revalidate=60,
    /// stale-if-error=86400`. With `revalidate`, `max-age=0, must-revalidate` and no `stale-while-revalidate`:
    /// browsers ask each time and never show a stale copy first (Chromium honours `stale-while-revalidate`),
    /// while shared caches keep the answer until it is purged (the VCL's grace stands in for it there).
    pub fn header_value(&self, revalidate: bool) -> String {
        if revalidate {
            return format!(
                "public, max-age=0, must-revalidate, s-maxage={}, stale-if-error={}",
                self.shared_max_age, self.stale_if_error
            );
        }
        format!(
            "public, max-age={}, s-maxage={}, stale-while-revalidate={}, stale-if-error={}",
            self.max_age, self.shared_max_age, self.stale_while_revalidate, self.stale_if_error
        )
    }
}

/// An answer with the keys it depends on; [`headers`] turns them into `Cache-Control` and `Surrogate-Key`.
pub struct Cached<T>(pub T, pub Keys);

impl<T: IntoResponse> IntoResponse for Cached<T> {
    fn into_response(self) -> Response {
        let mut res = self.0.into_response();
        res.extensions_mut().insert(self.1);
        res
    }
}

/// Marks an answer browsers must revalidate each time (`max-age=0`) while shared caches keep it until purged:
/// pages written as HTML (a new build of the app shows at once) and comment lists (a reader sees the comment
/// they just posted).
#[derive(Debug, Clone, Copy)]
pub struct Revalidate;

/// Sets the `Cache-Control` of an answer that changes with every read and that no purge follows (most read):
/// shared caches keep it [`MOST_READ_MAX_AGE`] seconds, browsers half as long.
///
/// [`MOST_READ_MAX_AGE`]: broadsheet_content::reads::MOST_READ_MAX_AGE
pub fn brief(res: &mut Response) {
    use broadsheet_content::reads::MOST_READ_MAX_AGE;
    let value = format!(
        "public, max-age={}, s-maxage={MOST_READ_MAX_AGE}",
        MOST_READ_MAX_AGE / 2
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut()
            .insert(axum::http::header::CACHE_CONTROL, v);
    }
}

/// Marks an answer everyone keeps this many seconds, shared caches too, though its keys may purge it sooner (a
/// live blog's changes: `broadsheet_content::live::CHANGES_MAX_AGE`).
#[derive(Debug, Clone, Copy)]
pub struct MaxAge(pub u32);

/// Marks an answer no cache may keep (`no-store`): a search answered without the newest writes, whose purge has
/// passed (Varnish's built-in rules then pass that address to the instances for a while rather than keep it).
#[derive(Debug, Clone, Copy)]
pub struct NoStore;

/// Adds the keys to a response built elsewhere.
pub fn with_keys(mut res: Response, keys: Keys) -> Response {
    res.extensions_mut().insert(keys);
    res
}

/// Middleware: a `GET` or `HEAD` answered `200`, `304` or `404` that names its keys gets the policy's
/// `Cache-Control` and the keys as `Surrogate-Key`. Other answers keep their own headers.
pub async fn headers(State(policy): State<CachePolicy>, req: Request, next: Next) -> Response {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let mut res = next.run(req).await;
    let cacheable = matches!(
        res.status(),
        StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::NOT_FOUND
    );
    let Some(keys) = res.extensions_mut().remove::<Keys>() else {
        return res;
    };
    if !read || !cacheable || keys.is_empty() {
        return res;
    }
    let revalidate = res.extensions().get::<Revalidate>().is_some();
    let value = match res.extensions().get::<MaxAge>() {
        _ if res.extensions().get::<NoStore>().is_some() => "no-store".to_string(),
        Some(MaxAge(s)) => format!("public, max-age={s}, s-maxage={s}"),
        None => policy.header_value(revalidate),
    };
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(axum::http::header::CACHE_CONTROL, v);
    }
    if let Ok(v) = HeaderValue::from_str(&keys.header_value()) {
        headers.insert(SURROGATE_KEY, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purged_answers_are_kept_a_day_by_shared_caches_and_a_minute_by_browsers() {
        assert_eq!(
            CachePolicy::new(true, None).header_value(false),
            "public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400"
        );
        assert!(CachePolicy::new(true, None)
            .header_value(true)
            .starts_with("public, max-age=0, must-revalidate, s-maxage=86400"));
        assert_eq!(CachePolicy::new(false, None).shared_max_age, 60);
        assert_eq!(CachePolicy::new(true, Some(5)).shared_max_age, 5);
    }
}
