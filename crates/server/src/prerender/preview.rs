//! An editor's preview of a draft: the article it would be, rendered by the same views as every page, in
//! index.html without the app's script (the app would ask the API for an article that does not exist yet), under
//! a visible "Preview" banner; `noindex`, no structured data, never stored by any cache.

use std::sync::Arc;

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use broadsheet_content::Article;
use broadsheet_views::head::{Head, Site};

use super::render::{self, Main};
use super::{page_without_app, Prerender};

impl Prerender {
    /// The site's address as a request names it (`http::public_url`).
    pub fn site_of(&self, headers: &axum::http::HeaderMap, uri: &axum::http::Uri) -> Site {
        self.public_url.site(headers, uri)
    }
}

/// The preview page of `article`.
pub async fn preview_page(p: &Arc<Prerender>, site: Site, article: Article) -> Response {
    let mut head = Head::article(&site, &article);
    head.noindex = true;
    head.json_ld.clear();
    let banner = render::preview_banner();
    let html = page_without_app(p, &site, StatusCode::OK, head, banner, move |_| {
        Main::Article(article)
    });
    let mut res = match html.await {
        Ok(html) => Html(html).into_response(),
        Err(res) => return res,
    };
    let h = res.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    res
}
