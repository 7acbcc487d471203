//! Newsletters: subscribers with double opt-in, signed links to confirm, change preferences and unsubscribe (RFC
//! 8058 one-click), the outgoing mail queue, and the editions. See `docs/newsletter.md`. The sign-up form, the
//! API endpoint and the pages readers reach from their mail are the web server's (`broadsheet-server`'s
//! `newsletter` feature), over what this crate offers.
//!
//! Mail goes through an SMTP relay (`--smtp-url`), or else into an outbox folder of `.eml` files
//! (`--mail-outbox`). It always waits in the `mail_queue` table first and is retried with backoff, so a relay
//! that is down or a restart loses nothing.

pub mod address;
pub mod commands;
pub mod edition;
pub mod email_html;
pub mod mail;
pub mod queue;
pub mod signup;
pub mod store;
pub mod token;
pub mod transport;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use broadsheet_content::{PREFERENCES_PATH, UNSUBSCRIBE_PATH};
use broadsheet_store::Db;
use lettre::message::Mailbox;
use mail::ReaderLinks;
use token::{Purpose, Signer};

/// What the newsletter is set up with (the web server reads it from its flags).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The links' signing secret, at least 16 characters; `None` uses one made once and kept in the database.
    pub secret: Option<String>,
    /// The sender, as `Name <address>`.
    pub from: String,
    /// The SMTP relay (`smtp://…`, `smtps://…`); `None` writes mail into `outbox`.
    pub smtp_url: Option<String>,
    /// Where mail goes without a relay, and where `--dry-run` writes its sample.
    pub outbox: PathBuf,
    /// Seconds before a failed message is tried again (doubling each time).
    pub retry_secs: u64,
    /// The base of every link in mail: the public URL, never a request's `Host` header.
    pub site: String,
}

/// Everything the newsletter needs at run time.
pub struct Newsletter {
    pub signer: Signer,
    pub deliverer: Arc<queue::Deliverer>,
    /// Wakes the delivery task when mail is queued.
    pub wake: tokio::sync::Notify,
    /// The base of every link in mail ([`Settings::site`]).
    pub site: String,
    /// Where `--dry-run` writes its sample (and all mail, without a relay).
    pub outbox: PathBuf,
}

/// A reader's preferences and unsubscribe links under `site`, signed for subscriber `id` with their nonce.
pub fn reader_links(signer: &Signer, site: &str, id: i64, nonce: &str) -> ReaderLinks {
    let token = signer.sign(Purpose::Manage, id, 0, nonce);
    ReaderLinks {
        unsubscribe: format!("{site}{UNSUBSCRIBE_PATH}?token={token}"),
        preferences: format!("{site}{PREFERENCES_PATH}?token={token}"),
    }
}

impl Newsletter {
    /// Sets up from `settings`: the signing secret (given, else one made once and kept in the database), the
    /// sender, and where mail goes. Errors name the setting that is wrong.
    pub fn new(settings: &Settings, db: &Db) -> Result<Newsletter, String> {
        let secret = match &settings.secret {
            Some(s) if s.len() >= 16 => s.clone(),
            Some(_) => return Err("--newsletter-secret must be at least 16 characters".into()),
            None => db
                .with_conn(|c| {
                    broadsheet_store::db::settings::get_or_make(c, "newsletter_secret", || {
                        token::random(32)
                    })
                })
                .map_err(|e| format!("cannot read the newsletter secret: {e}"))?,
        };
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| format!("--mail-from {:?}: {e}", settings.from))?;
        let transport = queue::Transport::new(settings.smtp_url.as_deref(), &settings.outbox)?;
        let signer = Signer::new(secret.as_bytes());
        let site = settings.site.clone();
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
                retry_secs: settings.retry_secs.max(1) as i64,
            }),
            wake: tokio::sync::Notify::new(),
            outbox: settings.outbox.clone(),
            site,
        })
    }
}

/// Delivers queued mail in the background: when woken by a sign-up, and every second for retries that fall
/// due; and deletes sign-ups whose confirmation expired, once a minute. Does nothing outside a Tokio runtime.
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
