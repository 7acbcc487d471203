//! `GET /preview/wordpress/{id}?expires=…&signature=…`: the link the WordPress plugin puts behind the editor's
//! Preview button (`preview_post_link`). The signature proves the plugin made it (the webhook secret); the server
//! then reads the draft, or its newer autosave, with the application password and renders it
//! (`prerender::preview`). A link that is forged, tampered with or expired is refused with 401.
//!
//! `GET /preview/ghost/{uuid}`: a Ghost draft by its uuid (unguessable, as Ghost's own `/p/{uuid}/` preview is),
//! read with the Admin API key.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Deserialize;

use super::SourcesState;
use crate::http::AppError;
use crate::prerender::preview::preview_page;

#[derive(Debug, Deserialize)]
pub struct Signed {
    #[serde(default)]
    expires: String,
    #[serde(default)]
    signature: String,
}

pub async fn wordpress(
    State(state): State<SourcesState>,
    Path(id): Path<String>,
    Query(signed): Query<Signed>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, AppError> {
    let (Some(site), Some(verifier)) = (&state.sources.wordpress_site, &state.sources.verifier)
    else {
        return Err(AppError::not_found(
            "This site shows no WordPress previews.",
        ));
    };
    let id: u64 = id
        .parse()
        .map_err(|_| AppError::not_found(format!("There is no post “{id}”.")))?;
    verifier
        .check_link(
            &format!("wordpress:{id}"),
            &signed.expires,
            &signed.signature,
            super::now_ms() / 1000,
        )
        .map_err(|refused| AppError::unauthenticated(refused.to_string()))?;
    let sections = sections(&state).await?;
    let (article, _notes) = site.preview(id, &sections).await.map_err(|e| {
        tracing::warn!(post = id, error = %e, "preview failed");
        AppError::unavailable("WordPress could not give the draft just now.")
    })?;
    let place = state.prerender.site_of(&headers, &uri);
    Ok(preview_page(&state.prerender, place, article).await)
}

pub async fn ghost(
    State(state): State<SourcesState>,
    Path(uuid): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, AppError> {
    let Some((site, key)) = &state.sources.ghost_preview else {
        return Err(AppError::not_found("This site shows no Ghost previews."));
    };
    let sections = sections(&state).await?;
    let found = site.preview(key, &uuid, &sections).await.map_err(|e| {
        tracing::warn!(%uuid, error = %e, "preview failed");
        AppError::unavailable("Ghost could not give the draft just now.")
    })?;
    let Some((article, _notes)) = found else {
        return Err(AppError::not_found("There is no draft at this address."));
    };
    let place = state.prerender.site_of(&headers, &uri);
    Ok(preview_page(&state.prerender, place, article).await)
}

/// The store's sections, slug → name.
async fn sections(
    state: &SourcesState,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    state
        .db
        .run(|c| {
            Ok(broadsheet_store::db::queries::sections(c)?
                .into_iter()
                .map(|s| (s.slug, s.name))
                .collect())
        })
        .await
        .map_err(AppError::from)
}
