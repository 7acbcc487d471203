//! oEmbed (https://oembed.com): a section widget's URL, or a section page's, described as a `rich` embed.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::Json;
use broadsheet_content::is_valid_slug;
use serde::Serialize;

use crate::html::escape;
use crate::http::AppError;
use crate::AppState;
use broadsheet_content::widget::WidgetOptions;
use broadsheet_store::db::queries;

/// An oEmbed 1.0 `rich` response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OEmbed {
    /// Always "1.0".
    pub version: String,
    /// Always "rich".
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub provider_name: String,
    pub provider_url: String,
    /// A plain iframe of the widget, at a height that fits its headlines.
    pub html: String,
    pub width: u32,
    pub height: u32,
    /// Seconds a consumer may keep this response.
    pub cache_age: u32,
}

/// The widget's width when the consumer sets no maximum.
const WIDTH: u32 = 400;

/// The formats an oEmbed answer can take here.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum OEmbedFormat {
    Json,
}

/// Describes a section widget for oEmbed consumers (oEmbed 1.0, section 2.3). As the specification asks, a URL
/// the provider has no embed for is `404` (so consumers may ask blindly) and another format `501`.
#[utoipa::path(get, path = "/api/v1/oembed", tag = "embeds",
    params(("url" = String, Query, description = "An absolute http(s) URL: a widget URL (`/embed/{section}?limit=…`) or a section page URL on this site"),
           ("maxwidth" = Option<u32>, Query, description = "Largest width the consumer can show, in CSS pixels (under 100 is ignored)"),
           ("maxheight" = Option<u32>, Query, description = "Largest height the consumer can show, in CSS pixels (under 100 is ignored)"),
           ("format" = Option<OEmbedFormat>, Query, description = "json, the only format offered")),
    responses((status = 200, description = "The embed", body = OEmbed),
              (status = 400, description = "No url, or a maxwidth or maxheight that is not a whole number", body = broadsheet_content::ApiError),
              (status = 404, description = "No embed for that URL: not an http(s) URL of this site, or no such section", body = broadsheet_content::ApiError),
              (status = 501, description = "A format other than json (oEmbed 1.0, section 2.3.4)", body = broadsheet_content::ApiError)))]
pub async fn oembed(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<OEmbed>, AppError> {
    let Query(q) = q.map_err(|_| AppError::bad_parameter("The query string could not be read."))?;
    if q.get("format").is_some_and(|f| f != "json") {
        return Err(AppError::not_implemented(
            "Only the json format is offered.",
        ));
    }
    let base = st.embed.base_url(&headers);
    let raw = q
        .get("url")
        .ok_or_else(|| AppError::bad_parameter("url is required."))?;
    let no_embed = || {
        AppError::not_found(format!(
            "There is no embed for that url on this site ({base})."
        ))
    };
    let parsed = url::Url::parse(raw.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .filter(|u| u.username().is_empty() && u.password().is_none())
        .ok_or_else(no_embed)?;
    let origin = parsed.origin().ascii_serialization();
    let path = parsed.path().to_string();
    let pairs: std::collections::HashMap<String, String> =
        parsed.query_pairs().into_owned().collect();
    if !origin.eq_ignore_ascii_case(&base) {
        return Err(no_embed());
    }
    let slug = path
        .strip_prefix("/embed/")
        .or_else(|| path.strip_prefix('/'))
        .unwrap_or("")
        .trim_end_matches('/')
        .to_string();
    if !is_valid_slug(&slug) {
        return Err(AppError::not_found(
            "That URL is not a section or a section widget.",
        ));
    }
    let section = st
        .db
        .run(move |c| queries::section(c, &slug))
        .await?
        .map(|(_, s)| s)
        .ok_or_else(|| AppError::not_found("There is no section at this address."))?;
    let opts = WidgetOptions::from_query(&pairs);
    let dim = |key: &str, default: u32| match q.get(key).map(|v| v.parse::<u32>()) {
        None => Ok(default),
        Some(Ok(v)) if v >= 100 => Ok(v.min(default)),
        Some(Ok(_)) => Ok(default),
        Some(Err(_)) => Err(AppError::bad_parameter(format!(
            "{key} must be a whole number of CSS pixels."
        ))),
    };
    let (width, height) = (
        dim("maxwidth", WIDTH)?,
        dim("maxheight", opts.estimated_height())?,
    );
    let src = format!("{base}/embed/{}?{}", section.slug, opts.to_query());
    let title = format!("Latest headlines: {} on Broadsheet", section.name);
    let html = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width}\" height=\"{height}\" style=\"border:0;max-width:100%\" \
         loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\">\
         </iframe>",
        escape(&src),
        escape(&title)
    );
    Ok(Json(OEmbed {
        version: "1.0".into(),
        kind: "rich".into(),
        title,
        provider_name: "Broadsheet".into(),
        provider_url: format!("{base}/"),
        html,
        width,
        height,
        cache_age: 3600,
    }))
}
