//! Sitemaps for search engines: `/sitemap.xml` (an index), the site's pages, its articles by month in parts of
//! at most 50,000 URLs, and a Google News sitemap of the last 48 hours; `/robots.txt` names the index and the
//! news sitemap. Every URL is absolute, from the public URL setting (`http::public_url`).

mod paths;
use broadsheet_store::db::sitemaps as store;
mod xml;

use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_content::{Kind, Page};
use broadsheet_views::head::Site;
use chrono::{Duration, SecondsFormat, Utc};

pub use paths::{Sitemap, MAX_URLS};

use crate::cache::policy::with_keys;
use crate::cache::{keys, Keys};
use crate::AppState;

/// How far back the news sitemap reaches (Google News: articles from the last two days).
pub const NEWS_WINDOW_HOURS: i64 = 48;

/// The sitemaps' and robots.txt's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/sitemaps/{name}", get(sitemap))
}

async fn robots(
    State(st): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    let site = st.public_url.site(&headers, &uri);
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}{}\nSitemap: {}{}\n",
        site.origin,
        Sitemap::Index.href(),
        site.origin,
        Sitemap::News.href()
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// The XML of `sitemap`; `None` when there is no such sitemap (a month without articles, a part past the last).
pub fn build(
    conn: &broadsheet_store::db::Conn,
    site: &Site,
    sitemap: &Sitemap,
) -> broadsheet_store::db::DbResult<Option<String>> {
    let url = |path: &str, lastmod: Option<String>| xml::Url {
        loc: site.absolute(path).unwrap_or_default(),
        lastmod,
    };
    Ok(Some(match sitemap {
        Sitemap::Index => {
            let months = store::months(conn)?;
            let newest = months.first().map(|m| m.modified.clone());
            let mut maps = vec![
                url(&Sitemap::Pages.href(), newest.clone()),
                url(&Sitemap::News.href(), newest),
            ];
            for m in months {
                for part in 1..=m.count.div_ceil(MAX_URLS).max(1) {
                    let s = Sitemap::Articles {
                        month: m.month.clone(),
                        part,
                    };
                    maps.push(url(&s.href(), Some(m.modified.clone())));
                }
            }
            xml::index(&maps)
        }
        Sitemap::Pages => {
            let sections = broadsheet_store::db::queries::sections(conn)?;
            let mut pages = vec![Page::Front, Page::Latest { page: 1 }];
            pages.extend(sections.iter().filter_map(|s| Page::section(&s.slug)));
            pages.extend(
                Kind::ALL
                    .iter()
                    .filter(|k| **k != Kind::News)
                    .map(|k| Page::of_kind(*k)),
            );
            let (topics, authors) = broadsheet_store::db::people::slugs(conn)?;
            pages.extend(topics.iter().filter_map(|t| Page::topic(t)));
            pages.extend(authors.iter().filter_map(|a| Page::author(a)));
            xml::urlset(
                &pages
                    .iter()
                    .map(|p| url(&p.href(), None))
                    .collect::<Vec<_>>(),
            )
        }
        Sitemap::Articles { month, part } => {
            let entries = store::month_part(conn, month, *part)?;
            if entries.is_empty() {
                return Ok(None);
            }
            let urls: Vec<xml::Url> = entries
                .into_iter()
                .filter_map(|e| {
                    Some(url(
                        &Page::article(&e.section, &e.slug)?.href(),
                        Some(e.modified),
                    ))
                })
                .collect();
            xml::urlset(&urls)
        }
        Sitemap::News => {
            let since = (Utc::now() - Duration::hours(NEWS_WINDOW_HOURS))
                .to_rfc3339_opts(SecondsFormat::Secs, true);
            let urls: Vec<xml::NewsUrl> = store::published_since(conn, &since)?
                .into_iter()
                .filter_map(|e| {
                    Some(xml::NewsUrl {
                        loc: site.absolute(&Page::article(&e.section, &e.slug)?.href())?,
                        published: e.published,
                        title: e.headline,
                    })
                })
                .collect();
            xml::news(broadsheet_views::head::SITE_NAME, "en", &urls)
        }
    }))
}

async fn sitemap(
    State(st): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    let Some(sitemap) = Sitemap::parse(uri.path()) else {
        return (StatusCode::NOT_FOUND, "No sitemap at this address.\n").into_response();
    };
    let site = st.public_url.site(&headers, &uri);
    match st.db.run(move |c| build(c, &site, &sitemap)).await {
        Ok(Some(xml)) => {
            let mut res = with_keys(xml.into_response(), Keys::of([keys::SITEMAPS]));
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            );
            res
        }
        Ok(None) => (StatusCode::NOT_FOUND, "No sitemap at this address.\n").into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The sitemap could not be read just now.\n",
        )
            .into_response(),
    }
}
