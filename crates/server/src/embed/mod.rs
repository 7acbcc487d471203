//! Partner widgets: `/embed/{section}` (a section's latest headlines as a small page made to be framed), the
//! oEmbed endpoint that describes one, and `/embed`, the page that builds a widget's snippet. See
//! docs/embedding.md.

mod builder;
mod oembed;
mod page;

use std::collections::HashMap;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_content::{is_valid_slug, Page, Section, Teaser};

use crate::cache::policy::{brief, with_keys};
use crate::cache::{keys, Keys};
use crate::http::public_url::PublicUrl;
use crate::AppState;
use broadsheet_store::db::{queries, reads};

use broadsheet_content::widget::{WidgetOptions, BUILDER_PATH, LIVE_WIDGET_PATH};
use oembed::{__path_oembed, oembed};

/// Who may frame widgets (as the widgets' policy), and the site's public address.
#[derive(Debug, Clone)]
pub struct EmbedSettings {
    /// The Content-Security-Policy of `/embed/...` pages, made once at start.
    csp: String,
    /// The site's public origin (`https://broadsheet.example`); unset, it is taken from the request's Host.
    pub public_url: PublicUrl,
}

impl EmbedSettings {
    /// `frame_ancestors`: the sources that may frame widgets, `*` or a list of origins.
    pub fn new(frame_ancestors: &str, public_url: Option<String>) -> Self {
        EmbedSettings {
            csp: page::content_security_policy(frame_ancestors),
            public_url: PublicUrl::new(public_url.as_deref()),
        }
    }

    /// The site's origin as readers reach it, without a trailing slash (`http::public_url`).
    pub fn base_url(&self, headers: &HeaderMap) -> String {
        self.public_url
            .site(headers, &axum::http::Uri::from_static("/"))
            .origin
    }
}

/// The oEmbed endpoint, under `/api/v1`.
pub fn api_router() -> Router<AppState> {
    Router::new().route("/oembed", get(oembed))
}

/// The widgets' part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(oembed), components(schemas(oembed::OEmbedFormat)))]
pub struct EmbedDoc;

/// The widgets and the page for partners.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/embed/{section}", get(widget))
        .route(
            &format!("{LIVE_WIDGET_PATH}/{{section}}/{{slug}}"),
            get(live_widget),
        )
        .route(BUILDER_PATH, get(builder::builder))
}

fn respond(status: StatusCode, html: String, settings: &EmbedSettings) -> Response {
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&settings.csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    let cache = if status.is_success() {
        "public, max-age=60"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    res
}

/// The widget's page, with its oEmbed discovery link.
fn widget_html(
    st: &AppState,
    headers: &HeaderMap,
    section: &Section,
    teasers: &[Teaser],
    opts: &WidgetOptions,
) -> String {
    let base = st.embed.base_url(headers);
    let widget_url = format!("{base}/embed/{}?{}", section.slug, opts.to_query());
    let discovery = format!(
        "{base}/api/v1/oembed?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("url", &widget_url)
            .append_pair("format", "json")
            .finish()
    );
    page::widget(section, teasers, opts, &discovery)
}

/// `/embed/{section}`: the section's newest headlines, or its most read (`most_read=1`).
async fn widget(
    State(st): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let settings = st.embed.clone();
    let opts = query
        .map(|Query(q)| WidgetOptions::from_query(&q))
        .unwrap_or_default();
    let theme = opts.theme.as_str();
    let slug = path.map(|Path(s)| s).unwrap_or_default();
    if !is_valid_slug(&slug) {
        let html = page::problem(
            "This widget asks for a section Broadsheet does not have.",
            theme,
        );
        return respond(StatusCode::NOT_FOUND, html, &settings);
    }
    let (limit, most_read) = (opts.limit, opts.most_read);
    let found = st
        .db
        .run(move |c| {
            let Some((section, mut teasers, total)) = queries::section_page(c, &slug, 1, limit)?
            else {
                return Ok(None);
            };
            if most_read {
                let now = chrono::Utc::now().timestamp();
                teasers = reads::most_read(c, now, Some(&slug), limit)?;
            }
            Ok(Some((section, teasers, total)))
        })
        .await;
    match found {
        Ok(Some((section, teasers, _))) if most_read => {
            let html = widget_html(&st, &headers, &section, &teasers, &opts);
            // Changes with every read and no purge follows it: kept briefly, as the API's list is.
            let mut res = respond(StatusCode::OK, html, &settings);
            brief(&mut res);
            res
        }
        Ok(Some((section, teasers, _))) => {
            let html = widget_html(&st, &headers, &section, &teasers, &opts);
            let mut keys = Keys::of([keys::section(&section.slug)]);
            keys.depend_on(teasers.as_slice());
            with_keys(respond(StatusCode::OK, html, &settings), keys)
        }
        Ok(None) => respond(
            StatusCode::NOT_FOUND,
            page::problem(
                "This widget asks for a section Broadsheet does not have.",
                theme,
            ),
            &settings,
        ),
        Err(_) => respond(
            StatusCode::SERVICE_UNAVAILABLE,
            page::problem("The headlines could not be loaded just now.", theme),
            &settings,
        ),
    }
}

/// `/embed/live/{section}/{slug}`: a live blog's latest posts. Cached as the blog's page is, purged by each of its
/// changes (its keys).
async fn live_widget(
    State(st): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let settings = st.embed.clone();
    let opts = query
        .map(|Query(q)| WidgetOptions::from_query(&q))
        .unwrap_or_default();
    let theme = opts.theme.as_str();
    let missing = |status| {
        let html = page::problem(
            "This widget asks for a live blog Broadsheet does not have.",
            theme,
        );
        respond(status, html, &settings)
    };
    let Ok(Path((section, slug))) = path else {
        return missing(StatusCode::NOT_FOUND);
    };
    let Some(article_path) = Page::article(&section, &slug).map(|p| p.href()) else {
        return missing(StatusCode::NOT_FOUND);
    };
    let limit = opts.limit as usize;
    let (s, l) = (section.clone(), slug.clone());
    let found = st
        .db
        .run(move |c| {
            let Some((id, article)) = queries::article(c, &s, &l)? else {
                return Ok(None);
            };
            let Some(blog) = broadsheet_store::db::live::blog(c, id)? else {
                return Ok(None);
            };
            let mut live = broadsheet_store::db::live::page(c, id, &blog, None)?;
            live.posts.truncate(limit);
            Ok(Some((article.headline, live)))
        })
        .await;
    match found {
        Ok(Some((headline, live))) => {
            let html = page::live_widget(&headline, &article_path, live, &opts);
            let keys = Keys::of([keys::live(&section, &slug), keys::article(&section, &slug)]);
            with_keys(respond(StatusCode::OK, html, &settings), keys)
        }
        Ok(None) => missing(StatusCode::NOT_FOUND),
        Err(_) => respond(
            StatusCode::SERVICE_UNAVAILABLE,
            page::problem("The updates could not be loaded just now.", theme),
            &settings,
        ),
    }
}
