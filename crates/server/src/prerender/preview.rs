//! An editor's preview of a draft: the article it would be, rendered by the same views as every page, in
//! index.html without the app's script (the app would ask the API for an article that does not exist yet), under
//! a visible "Preview" banner; `noindex`, no structured data, never stored by any cache.

use std::sync::Arc;

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use broadsheet_content::Article;
use broadsheet_views::head::{Head, Site};

use super::render::{self, Main};
use super::{deferred, write, Prepared, Prerender};
use crate::cache::Keys;
use crate::http::AppError;
use broadsheet_store::db::queries;

impl Prerender {
    /// The site's address as a request names it (`http::public_url`).
    pub fn site_of(&self, headers: &axum::http::HeaderMap, uri: &axum::http::Uri) -> Site {
        self.public_url.site(headers, uri)
    }
}

/// The preview page of `article`.
pub async fn preview_page(p: &Arc<Prerender>, site: Site, article: Article) -> Response {
    let Some(template) = p.page.html.as_deref().map(deferred::without_app) else {
        return (StatusCode::OK, article.headline).into_response();
    };
    let origin = site.origin.clone();
    let rails = p.rails.clone();
    let built =
        p.db.run(move |c| {
            let sections = queries::sections(c)?;
            let rails_answer = queries::rails(c)?;
            let json = serde_json::to_string(&rails_answer).unwrap_or_default();
            let mut head = Head::article(&site, &article);
            head.noindex = true;
            head.json_ld.clear();
            let body = render::frame(
                Main::Article(article),
                None,
                &sections,
                (rails_answer.rails, &json),
                &rails,
            );
            Ok(Prepared {
                status: StatusCode::OK,
                head,
                preload: String::new(),
                body: Some(format!("{}{body}", render::preview_banner())),
                keys: Keys::new(),
            })
        })
        .await;
    let prepared = match built {
        Ok(prepared) => prepared,
        Err(e) => return AppError::from(e).into_response(),
    };
    let mut res = Html(write(&template, prepared, &origin)).into_response();
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
