//! The built app: files from the dist folder, index.html for every other path (SPA fallback).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

use super::{image_copies, security};

/// index.html as loaded at start, with the policy that allows its inline scripts.
pub struct IndexPage {
    pub html: Option<String>,
    pub csp: String,
}

impl IndexPage {
    /// Reads `dist/index.html`; a missing build still gives a server that says what to do.
    pub fn load(dist: &Path, connect: &[String]) -> IndexPage {
        let html = std::fs::read_to_string(dist.join("index.html")).ok();
        let hashes = html
            .as_deref()
            .map(security::inline_script_hashes)
            .unwrap_or_default();
        IndexPage {
            csp: security::content_security_policy(&hashes, connect),
            html,
        }
    }
}

/// True for file names that carry a content hash, as Trunk emits them (`app-1a2b3c4d5e6f7a8b_bg.wasm`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    stem.split(['-', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Marks the app's fallback answer: no file and no route had the path. The page middleware serves the not-found
/// page in its place.
#[derive(Clone, Copy, Debug)]
pub struct SpaFallback;

/// True for a path that names a file rather than a page: a last segment with an extension
/// (`/broadsheet-0123456789abcdef.js`, `/favicon.ico`), or anything under a folder of files.
pub fn is_file_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    let folder = path.trim_start_matches('/').split('/').next().unwrap_or("");
    last.contains('.') || broadsheet_content::FILE_FOLDERS.contains(&folder)
}

/// What no file and no route answered: a plain `404` for a missing file (never index.html: a stale tab asking
/// for an old build's files, or a service worker caching an image, must not get a page), else the app.
async fn fallback(uri: axum::http::Uri, page: State<Arc<IndexPage>>) -> Response {
    if is_file_path(uri.path()) {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-cache")],
            "Not found\n",
        )
            .into_response();
    }
    let mut res = index(page).await;
    res.extensions_mut().insert(SpaFallback);
    res
}

async fn index(State(page): State<Arc<IndexPage>>) -> Response {
    let mut res = match &page.html {
        Some(html) => Html(html.clone()).into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            Html("<!doctype html><title>Broadsheet</title><h1>The app is not built</h1>\
                  <p>Run <code>scripts/run.sh</code>, or point <code>--dist</code> at a Trunk build.</p>"),
        )
            .into_response(),
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Long immutable caching for hashed assets, the content policy for images, revalidation for everything else.
async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let store = format!("{}/", broadsheet_sources::media::STORE_PATH);
    let stored = path.starts_with(&store);
    // The store's own folders (`by-url/`, `copies/`) are its bookkeeping, not the site's files: no separator in
    // the name, as the file server decodes it (`%2F`, `%5C`).
    let name = percent_encoding::percent_decode_str(path.get(store.len()..).unwrap_or_default())
        .decode_utf8_lossy();
    if stored && name.contains(['/', '\\']) {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-cache")],
            "Not found\n",
        )
            .into_response();
    }
    let (hashed, media) = (is_hashed(path), path.starts_with("/media/") && !stored);
    let mut res = next.run(req).await;
    // The content folder's images are kept like any answer with keys (`crate::cache::policy`): purged by
    // `media`. The copies of a CMS's images are named by their content, so kept for good (`hashed`).
    if media && res.status().is_success() {
        res.extensions_mut()
            .insert(crate::cache::Keys::of([crate::cache::keys::MEDIA]));
    }
    let value = match (res.status().is_success(), hashed) {
        (true, true) => "public, max-age=31536000, immutable",
        _ => "no-cache",
    };
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    res
}

/// Serves `dist` with SPA fallback to index.html, and `media`: the content folder's images under `/media`, and
/// the copies of a CMS's images (`broadsheet_sources::media`, named by their hash) under `/media/store`.
pub fn router(dist: PathBuf, media: (PathBuf, PathBuf), page: Arc<IndexPage>) -> Router {
    let (media, store) = media;
    let index = axum::routing::get(index).with_state(page.clone());
    let files = ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .fallback(axum::routing::get(fallback).with_state(page.clone()));
    // The copies `srcset` names are made on first request (`image_copies`), kept under the media store (where a
    // sync puts the CMS's own sizes too).
    use broadsheet_sources::media::{CONTENT_COPIES, COPIES, STORE_COPIES};
    let turn = Arc::new(tokio::sync::Semaphore::new(1));
    let kept = store.join(COPIES);
    let copies = |originals: &PathBuf, kept: PathBuf| {
        let copies = image_copies::Copies::new(originals.clone(), kept, turn.clone());
        axum::routing::get(image_copies::serve).with_state(copies)
    };
    let media_files = ServeDir::new(&media).fallback(copies(&media, kept.join(CONTENT_COPIES)));
    let stored_files = ServeDir::new(&store).fallback(copies(&store, kept.join(STORE_COPIES)));
    Router::new()
        .route("/", index.clone())
        .route("/index.html", index)
        .nest_service(broadsheet_sources::media::STORE_PATH, stored_files)
        .nest_service("/media", media_files)
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_headers))
}

/// Sets the page CSP on HTML responses and on the service worker (whose `fetch()` calls it governs), and a strict
/// one elsewhere; added at the outermost layer.
pub async fn csp(State(page): State<Arc<IndexPage>>, req: Request, next: Next) -> Response {
    let worker = req.uri().path() == "/sw.js";
    let mut res: Response<Body> = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_html || worker {
        page.csp.as_str()
    } else {
        "default-src 'none'; frame-ancestors 'self'"
    };
    // A handler that set its own policy (the embeddable widgets) keeps it.
    if let Ok(v) = HeaderValue::from_str(policy) {
        res.headers_mut()
            .entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/broadsheet-3f2a9c1d0e8b7a65_bg.wasm"));
        assert!(is_hashed("/main-0123456789abcdef.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/media/housing-1.svg"));
        assert!(!is_hashed("/favicon.ico"));
    }

    #[test]
    fn file_paths() {
        use super::is_file_path;
        assert!(is_file_path("/broadsheet-0123456789abcdef.js"));
        assert!(is_file_path("/broadsheet-0123456789abcdef_bg.wasm"));
        assert!(is_file_path("/icons/renamed"));
        assert!(is_file_path("/media/gone.svg"));
        assert!(!is_file_path("/housing"));
        assert!(!is_file_path("/housing/a-story"));
        assert!(!is_file_path("/no-such-section"));
    }
}
