//! The CMSs a running site syncs from (`--wordpress-url`, `--ghost-url`): each in a task of its own that syncs
//! at start, every `--sync-interval` seconds, and at once when its webhook (`POST /webhooks/{wordpress|ghost}`,
//! signed: `signature`) says something changed; what a sync changed is purged. A sync that fails is logged with
//! the source's error and leaves the site as it was; the next one tries again.

mod preview;
pub mod signature;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use broadsheet_content::{PREVIEW_PATH, WEBHOOK_PATH};
use broadsheet_sources::ghost::{AdminKey, Ghost};
use broadsheet_sources::mapping::Mapping;
use broadsheet_sources::media::MediaStore;
use broadsheet_sources::sync::{sync_with, Cms, Sweep};
use broadsheet_sources::wordpress::WordPress;
use broadsheet_store::db::Db;
use tokio::sync::Notify;

use crate::cache::Purger;
use crate::config::SourcesConfig;
use crate::http::AppError;
use signature::Verifier;

/// The shortest webhook secret taken: anyone who guesses it can sync the site at will and read any draft.
pub const MIN_SECRET_CHARS: usize = 16;

/// The syncing sources and what their webhooks and previews need.
#[derive(Default)]
pub struct Sources {
    wordpress: Option<Arc<Wake>>,
    /// The WordPress site, for previews of its drafts.
    wordpress_site: Option<Arc<WordPress>>,
    ghost: Option<Arc<Wake>>,
    /// The Ghost site and its Admin API key, for previews of its drafts.
    ghost_preview: Option<(Arc<Ghost>, AdminKey)>,
    verifier: Option<Verifier>,
}

/// The configured CMSs, checked and ready to sync.
pub struct Configured {
    wordpress: Option<(WordPress, String)>,
    ghost: Option<(Ghost, String)>,
    ghost_admin: Option<AdminKey>,
    /// Where the CMSs' images are copied.
    media: Option<MediaStore>,
    every: Duration,
    secret: Option<String>,
}

/// Reads the sources' settings; an error names a setting that is wrong (a bad address, an unreadable mapping
/// file). `serve` calls it before it starts, so a wrong setting stops it there.
pub fn configure(
    config: &SourcesConfig,
    media_store: &std::path::Path,
) -> Result<Configured, String> {
    let mapping = match &config.source_mapping {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Mapping::parse(&text, &path.display().to_string())?
        }
        None => Mapping::default(),
    };
    let wordpress = match &config.wordpress_url {
        Some(url) => {
            let auth = config
                .wordpress_user
                .clone()
                .zip(config.wordpress_app_password.clone());
            let site = WordPress::new(url, auth, mapping.clone()).map_err(|e| e.to_string())?;
            Some((site, url.clone()))
        }
        None => None,
    };
    let ghost = match (&config.ghost_url, &config.ghost_content_key) {
        (Some(url), Some(key)) => Some((
            Ghost::new(url, key, mapping).map_err(|e| e.to_string())?,
            url.clone(),
        )),
        _ => None,
    };
    if let Some(secret) = &config.webhook_secret {
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(format!(
                "--webhook-secret must be at least {MIN_SECRET_CHARS} characters (it signs webhooks and preview links)"
            ));
        }
    }
    let ghost_admin = match &config.ghost_admin_key {
        Some(key) => Some(AdminKey::parse(key).map_err(|e| e.to_string())?),
        None => None,
    };
    let media = match wordpress.is_some() || ghost.is_some() {
        true => Some(MediaStore::open(media_store)?),
        false => None,
    };
    Ok(Configured {
        media,
        wordpress,
        ghost,
        ghost_admin,
        every: Duration::from_secs(config.sync_interval.max(1)),
        secret: config.webhook_secret.clone(),
    })
}

impl Configured {
    /// Starts a sync task for each configured CMS.
    pub fn start(self, db: &Db, purger: Arc<Purger>) -> Sources {
        let task = |url: &str| Task {
            url: url.to_string(),
            db: db.clone(),
            purger: purger.clone(),
            media: self.media.clone(),
            every: self.every,
            webhooks: self.secret.is_some(),
        };
        let wordpress = self.wordpress.map(|(site, url)| (Arc::new(site), url));
        let ghost = self.ghost.map(|(site, url)| (Arc::new(site), url));
        Sources {
            wordpress: wordpress
                .as_ref()
                .map(|(site, url)| spawn(site.clone(), task(url))),
            wordpress_site: wordpress.map(|(site, _)| site),
            ghost_preview: ghost
                .as_ref()
                .zip(self.ghost_admin)
                .map(|((site, _), key)| (site.clone(), key)),
            ghost: ghost.map(|(site, url)| spawn(site, task(&url))),
            verifier: self.secret.as_deref().map(Verifier::new),
        }
    }
}

/// How often a site with webhooks lists every published id to reconcile with the store: the safety net for a
/// webhook that never arrived (the site was down). Without webhooks every sync reconciles; at 10,000 posts the
/// listing is 101 requests and most of an incremental sync's 4 s (docs/sources.md).
pub const RECONCILE_EVERY: Duration = Duration::from_secs(3600);
/// The most post ids kept from webhooks between two syncs; beyond it the next sync reconciles instead.
const MAX_HINTED: usize = 10_000;

/// What the task of one CMS works with.
struct Task {
    url: String,
    db: Db,
    purger: Arc<Purger>,
    media: Option<MediaStore>,
    every: Duration,
    /// The CMS's webhooks are taken (a secret is set).
    webhooks: bool,
}

/// Wakes the task of one CMS early, with the post ids its webhooks named.
#[derive(Default)]
pub struct Wake {
    notify: Notify,
    hinted: std::sync::Mutex<(HashSet<String>, bool)>,
}

impl Wake {
    /// Wakes the task to read `ids` again (or confirm them gone).
    fn hint(&self, ids: Vec<String>) {
        if let Ok(mut h) = self.hinted.lock() {
            h.0.extend(ids);
            if h.0.len() > MAX_HINTED {
                h.0.clear();
                h.1 = true;
            }
        }
        self.notify.notify_one();
    }

    /// Keeps what a failed sync took (`take`) for the next one, without waking it.
    fn hint_quietly(&self, (ids, overflowed): (HashSet<String>, bool)) {
        if let Ok(mut h) = self.hinted.lock() {
            h.0.extend(ids);
            h.1 |= overflowed;
        }
    }

    /// The ids named since the last call, and whether there were too many to keep (then reconcile).
    fn take(&self) -> (HashSet<String>, bool) {
        self.hinted
            .lock()
            .map(|mut h| std::mem::take(&mut *h))
            .unwrap_or_default()
    }
}

/// The post ids a CMS's webhook body names: WordPress's plugin (`{"post": {"id": 12}}`) and Ghost's post events
/// (`{"post": {"current": {"id": …}, "previous": {"id": …}}}`, `previous` alone on a deletion).
fn hinted_ids(body: &[u8]) -> Vec<String> {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return vec![];
    };
    let post = &v["post"];
    [&post["id"], &post["current"]["id"], &post["previous"]["id"]]
        .into_iter()
        .filter_map(|id| match id {
            serde_json::Value::Number(n) => n.as_u64().map(|n| n.to_string()),
            serde_json::Value::String(s) if !s.is_empty() && s.len() <= 64 => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// The task of one CMS; its [`Wake`] wakes it early. With webhooks, a sync reconciles every published id only
/// at start and every [`RECONCILE_EVERY`]; the others read the changes and the posts the webhooks named.
fn spawn<C: Cms + Send + Sync + 'static>(site: Arc<C>, task: Task) -> Arc<Wake> {
    let Task {
        url,
        db,
        purger,
        media,
        every,
        webhooks,
    } = task;
    let wake = Arc::new(Wake::default());
    let woken = wake.clone();
    tokio::spawn(async move {
        let mut reconciled: Option<Instant> = None;
        loop {
            let (hinted, overflowed) = woken.take();
            let taken = (hinted.clone(), overflowed);
            let due = reconciled.is_none_or(|t| t.elapsed() >= RECONCILE_EVERY);
            let sweep = Sweep {
                reconcile: !webhooks || due || overflowed,
                hinted: hinted.clone(),
            };
            let reconcile = sweep.reconcile;
            match sync_with(&db, site.as_ref(), media.as_ref(), sweep).await {
                Ok(s) => {
                    if reconcile {
                        reconciled = Some(Instant::now());
                    }
                    let w = &s.written;
                    tracing::info!(source = %url, full = s.full, written = w.changed, removed = w.removed,
                        skipped = s.skipped.len(), "synced");
                    for skipped in &s.skipped {
                        tracing::warn!(source = %url, "skipped {skipped}");
                    }
                    if !w.purge.is_empty() {
                        // Failures are logged by the purger; the answers expire after s-maxage as without it.
                        let _ = purger.purge(&w.purge).await;
                    }
                }
                Err(e) => {
                    tracing::error!(source = %url, error = %e, "sync failed; the site is as it was");
                    // Named again for the next try.
                    woken.hint_quietly(taken);
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = woken.notify.notified() => {}
            }
        }
    });
    wake
}

/// What the webhook and preview handlers need.
#[derive(Clone)]
pub struct SourcesState {
    pub sources: Arc<Sources>,
    pub prerender: Arc<crate::prerender::Prerender>,
    pub db: Db,
}

impl SourcesState {
    /// Starts the configured CMSs' syncs for the site `app` serves. `serve` checks the settings before it gets
    /// here; a caller that did not is told, in the log, and nothing syncs.
    pub fn start(config: &crate::Config, app: &crate::AppState) -> SourcesState {
        let syncing = match configure(&config.sources, &config.media_store) {
            Ok(configured) => configured.start(&app.db, app.purger.clone()),
            Err(e) => {
                tracing::error!("{e}: no CMS will be synced");
                Sources::default()
            }
        };
        SourcesState {
            sources: Arc::new(syncing),
            prerender: app.prerender.clone(),
            db: app.db.clone(),
        }
    }
}

/// `POST /webhooks/{wordpress,ghost}`, `GET /preview/wordpress/{id}` and `GET /preview/ghost/{uuid}`.
pub fn router(state: SourcesState) -> Router {
    Router::new()
        .route(&format!("{WEBHOOK_PATH}/{{source}}"), post(webhook))
        .route(
            &format!("{PREVIEW_PATH}/wordpress/{{id}}"),
            get(preview::wordpress),
        )
        .route(
            &format!("{PREVIEW_PATH}/ghost/{{uuid}}"),
            get(preview::ghost),
        )
        .with_state(state)
}

/// A CMS says something changed: with a valid signature, its sync runs now (202); otherwise 401, or 404 for a
/// source this site does not sync or without a webhook secret.
async fn webhook(
    State(SourcesState { sources, .. }): State<SourcesState>,
    Path(source): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    let (wake, header) = match source.as_str() {
        "wordpress" => (&sources.wordpress, "x-broadsheet-signature"),
        "ghost" => (&sources.ghost, "x-ghost-signature"),
        _ => (&None, ""),
    };
    let (Some(wake), Some(verifier)) = (wake, &sources.verifier) else {
        return Err(AppError::not_found(format!(
            "This site does not sync from “{source}”."
        )));
    };
    let now = now_ms();
    let signed = headers.get(header).and_then(|v| v.to_str().ok());
    verifier
        .check(signed, &body, now)
        .map_err(|refused| AppError::unauthenticated(refused.to_string()))?;
    wake.hint(hinted_ids(&body));
    Ok(StatusCode::ACCEPTED)
}

/// The time, in milliseconds since the Unix epoch.
fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhooks_name_their_posts() {
        let wordpress = br#"{"event":"deleted","post":{"id":1234}}"#;
        assert_eq!(hinted_ids(wordpress), ["1234"]);
        let ghost_edit = br#"{"post":{"current":{"id":"6751a0c2e4b0aa01"},"previous":{"id":"6751a0c2e4b0aa01"}}}"#;
        assert_eq!(
            hinted_ids(ghost_edit),
            ["6751a0c2e4b0aa01", "6751a0c2e4b0aa01"]
        );
        let ghost_delete = br#"{"post":{"current":{},"previous":{"id":"6751a0c2e4b0aa02"}}}"#;
        assert_eq!(hinted_ids(ghost_delete), ["6751a0c2e4b0aa02"]);
        for nothing in [
            &b"not json"[..],
            br#"{"post":{"id":-1}}"#,
            br#"{"post":{"id":[1]}}"#,
            b"{}",
        ] {
            assert!(hinted_ids(nothing).is_empty());
        }
    }

    #[test]
    fn too_many_named_posts_make_the_next_sync_reconcile() {
        let wake = Wake::default();
        wake.hint(vec!["1".into(), "2".into()]);
        assert_eq!(
            wake.take(),
            (["1".to_string(), "2".to_string()].into(), false)
        );
        assert_eq!(wake.take(), (HashSet::new(), false), "taken once");
        wake.hint((0..=MAX_HINTED).map(|i| i.to_string()).collect());
        assert_eq!(wake.take(), (HashSet::new(), true));
    }
}
