//! RSS 2.0 and Atom 1.0 feeds of the site and of each section, topic, author and live blog (`broadsheet_content::Feed` names their paths):
//! the latest [`FEED_ITEMS`] articles, with `Last-Modified` (the newest item's time) for conditional GET
//! (`crate::http::conditional`).

use broadsheet_store::db::feeds as store;
mod write;

use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_content::{Feed, FeedScope, Page, FEED_ITEMS};
use chrono::Utc;

use crate::cache::policy::with_keys;
use crate::cache::{keys, Keys};
use crate::http::conditional::http_date;
use crate::AppState;

/// The feeds' routes: `/feed.xml`, `/feed.atom`, `/{section}/feed.xml`, `/{section}/feed.atom`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed.xml", get(feed))
        .route("/feed.atom", get(feed))
        .route("/{section}/feed.xml", get(feed))
        .route("/{section}/feed.atom", get(feed))
        .route("/{section}/{slug}/feed.xml", get(feed))
        .route("/{section}/{slug}/feed.atom", get(feed))
        .route("/topics/{topic}/feed.xml", get(feed))
        .route("/topics/{topic}/feed.atom", get(feed))
        .route("/authors/{author}/feed.xml", get(feed))
        .route("/authors/{author}/feed.atom", get(feed))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No feed at this address.\n").into_response()
}

async fn feed(
    State(st): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    let Some(feed) = Feed::parse(uri.path()) else {
        return not_found();
    };
    let scope = feed.scope.clone();
    let found = st
        .db
        .run(move |c| store::items(c, &scope, FEED_ITEMS))
        .await;
    let (title, description, items) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(_) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "The feed could not be read just now.\n",
            )
                .into_response()
        }
    };
    let modified = write::last_modified(&items).map(|t| t.with_timezone(&Utc));
    let site = st.public_url.site(&headers, &uri);
    let page = feed.scope.page();
    let channel = write::Channel {
        title: &title,
        description: &description,
        page_url: site.absolute(&page.href()).unwrap_or_default(),
        feed: &feed,
    };
    let xml = write::document(&site, &channel, &items);
    let mut keys = Keys::of([match &feed.scope {
        FeedScope::Site => keys::ARTICLES.to_string(),
        FeedScope::Section(s) => keys::section(s),
        FeedScope::Topic(t) => keys::topic(t),
        FeedScope::Author(a) => keys::author(a),
        FeedScope::Live { section, slug } => keys::live(section, slug),
    }]);
    if let FeedScope::Live { section, slug } = &feed.scope {
        keys.add(keys::article(section, slug));
    }
    for item in &items {
        if let Some(p) = Page::parse(&item.path, None) {
            keys.extend(keys::page(&p));
        }
    }
    let mut res = with_keys(xml.into_response(), keys);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&format!("{}; charset=utf-8", feed.format.media_type()))
            .unwrap_or(HeaderValue::from_static("application/xml")),
    );
    if let Some(v) = modified.and_then(|m| HeaderValue::from_str(&http_date(m.into())).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    res
}
