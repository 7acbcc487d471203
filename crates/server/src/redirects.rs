//! Old addresses answered `301` to where their article or page is now (`broadsheet_store::db::redirects`): a
//! CMS's permalinks (`/2018/06/05/slug/`, `/?p=123`, `/category/news/`, `/tag/buses/`) and an article's address
//! before it moved. Looked up only for what would otherwise be a 404, and for `/?p=…` (the front page would
//! answer it), so a reader's request for a page that exists costs nothing.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use broadsheet_store::db::{redirects, Db};

/// How long browsers and shared caches keep a redirect, in seconds: a later sync may point it elsewhere (an
/// article that moves again), and the lookup is cheap.
const MAX_AGE: u32 = 3600;

/// Middleware: see the module's doc.
pub async fn middleware(State(db): State<Db>, req: Request, next: Next) -> Response {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let path = req.uri().path();
    if !read || path.starts_with("/api/") {
        return next.run(req).await;
    }
    let Some(old) = redirects::normalise(path, req.uri().query()) else {
        return next.run(req).await;
    };
    if !old.contains('?') {
        let res = next.run(req).await;
        if res.status() != StatusCode::NOT_FOUND {
            return res;
        }
        return lookup(&db, old).await.unwrap_or(res);
    }
    match lookup(&db, old).await {
        Some(found) => found,
        None => next.run(req).await,
    }
}

/// The `301` for `old`, or `None` (no redirect, or the store failed: logged, and the request answered as if
/// there were none).
async fn lookup(db: &Db, old: String) -> Option<Response> {
    let target = match db.run(move |c| redirects::find(c, &old)).await {
        Ok(t) => t?,
        Err(e) => {
            tracing::warn!(error = %e, "redirect lookup failed");
            return None;
        }
    };
    let location = HeaderValue::from_str(&target).ok()?;
    let mut res = StatusCode::MOVED_PERMANENTLY.into_response();
    let h = res.headers_mut();
    h.insert(header::LOCATION, location);
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={MAX_AGE}")) {
        h.insert(header::CACHE_CONTROL, v);
    }
    Some(res)
}
