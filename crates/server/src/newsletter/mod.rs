//! Newsletters: sign-up with double opt-in, signed links to confirm, change preferences and unsubscribe (RFC
//! 8058 one-click), the outgoing mail queue, and the editions. See `docs/newsletter.md`.
//!
//! Mail goes through an SMTP relay (`--smtp-url`), or else into an outbox folder of `.eml` files
//! (`--mail-outbox`). It always waits in the `mail_queue` table first and is retried with backoff, so a relay
//! that is down or a restart loses nothing.

pub mod address;
pub mod commands;
pub mod edition;
pub mod email_html;
pub mod mail;
mod pages;
pub mod queue;
pub(crate) mod signup;
pub mod store;
pub mod token;

use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use broadsheet_content::{
    CONFIRM_PATH, NEWSLETTER_PATH, PREFERENCES_PATH, PRIVACY_PATH, SIGNUP_API_PATH,
    UNSUBSCRIBE_PATH,
};
use lettre::message::Mailbox;

use crate::db::Db;
use crate::http::rate_limit::RateLimiter;
use crate::{AppState, Config};
use mail::ReaderLinks;
use token::{Purpose, Signer};

/// Everything the newsletter needs at run time.
pub struct Newsletter {
    pub signer: Signer,
    pub deliverer: Arc<queue::Deliverer>,
    /// Sign-ups per client, with the comments' limits.
    pub limiter: RateLimiter,
    /// Wakes the delivery task when mail is queued.
    pub wake: tokio::sync::Notify,
    /// The base of every link in mail (`mail_site`).
    pub site: String,
    /// Where `--dry-run` writes its sample (and all mail, without a relay).
    pub outbox: std::path::PathBuf,
}

/// A reader's preferences and unsubscribe links under `site`, signed for subscriber `id` with their nonce.
pub fn reader_links(signer: &Signer, site: &str, id: i64, nonce: &str) -> ReaderLinks {
    let token = signer.sign(Purpose::Manage, id, 0, nonce);
    ReaderLinks {
        unsubscribe: format!("{site}{UNSUBSCRIBE_PATH}?token={token}"),
        preferences: format!("{site}{PREFERENCES_PATH}?token={token}"),
    }
}

/// The base of every link in mail: `--public-url`, else the address the server listens on. Never a request's
/// `Host` header, which whoever sends the request chooses.
pub fn mail_site(config: &Config) -> String {
    match &config.public_url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => format!("http://{}", config.addr),
    }
}

impl Newsletter {
    /// Sets up from the configuration: the signing secret (`--newsletter-secret`, else one made once and kept
    /// in the database), the sender, and where mail goes.
    pub fn new(config: &Config, db: &Db) -> Result<Newsletter, String> {
        let secret = match &config.newsletter_secret {
            Some(s) if s.len() >= 16 => s.clone(),
            Some(_) => return Err("--newsletter-secret must be at least 16 characters".into()),
            None => db
                .with_conn(|c| store::setting(c, "newsletter_secret", || token::random(32)))
                .map_err(|e| format!("cannot read the newsletter secret: {e}"))?,
        };
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("--mail-from {:?}: {e}", config.mail_from))?;
        let transport = queue::Transport::new(config.smtp_url.as_deref(), &config.mail_outbox)?;
        let signer = Signer::new(secret.as_bytes());
        let site = mail_site(config);
        let link_site = site.clone();
        let id_host = mail::id_host(&site, &from);
        let links_signer = signer.clone();
        Ok(Newsletter {
            signer,
            deliverer: Arc::new(queue::Deliverer {
                transport,
                from,
                links: Box::new(move |id, nonce| {
                    reader_links(&links_signer, &link_site, id, nonce)
                }),
                id_host,
                retry_secs: config.mail_retry.max(1) as i64,
            }),
            limiter: RateLimiter::new(
                "newsletter",
                config.comment_limit,
                Duration::from_secs(config.comment_window),
            ),
            wake: tokio::sync::Notify::new(),
            outbox: config.mail_outbox.clone(),
            site: mail_site(config),
        })
    }
}

/// Delivers queued mail in the background: when woken by a sign-up, and every second for retries that fall
/// due; and deletes sign-ups whose confirmation expired, once a minute.
pub fn spawn_delivery(db: Db, n: Arc<Newsletter>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let mut ticks = 0u64;
        loop {
            tokio::select! {
                _ = n.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            ticks += 1;
            let (db, deliverer) = (db.clone(), n.deliverer.clone());
            let sweep = ticks % 60 == 1;
            let done = tokio::task::spawn_blocking(move || {
                if sweep {
                    let hours = broadsheet_content::CONFIRM_HOURS as i64;
                    db.with_conn(|c| store::delete_expired(c, store::now() - hours * 3600))?;
                }
                deliverer.deliver(&db, false)
            })
            .await;
            match done {
                Ok(Ok(p)) if p.sent + p.deferred + p.failed > 0 => {
                    tracing::info!(
                        sent = p.sent,
                        deferred = p.deferred,
                        failed = p.failed,
                        "mail delivered"
                    );
                }
                Ok(Err(e)) => tracing::warn!("mail delivery: {e}"),
                _ => {}
            }
        }
    });
}

/// The sign-up API endpoint (under `/api/v1`).
pub fn api_router() -> Router<AppState> {
    Router::new().route(SIGNUP_API_PATH, post(signup::api))
}

/// The newsletter's pages and the privacy notice.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            NEWSLETTER_PATH,
            get(pages::signup_page).post(pages::signup_form),
        )
        .route(CONFIRM_PATH, get(pages::confirm_page).post(pages::confirm))
        .route(
            PREFERENCES_PATH,
            get(pages::preferences).post(pages::save_preferences),
        )
        .route(
            UNSUBSCRIBE_PATH,
            get(pages::unsubscribe_page).post(pages::unsubscribe),
        )
        .route(PRIVACY_PATH, get(pages::privacy))
}
