//! A sign-up as the store takes it: checked, stored with its confirmation message queued in one transaction,
//! and the deliverer woken. Rate limits and the form or API around it are the web server's.

use broadsheet_content::{Edition, FieldError, NewSignup, CONFIRM_HOURS, CONFIRM_PATH};
use broadsheet_store::{Db, StoreError};

use crate::{address, email_html, mail, reader_links, store, token, Newsletter};

/// Why a sign-up that passed its checks was not stored.
#[derive(Debug)]
pub enum NotStored {
    /// The store could not take it.
    Store(StoreError),
    /// The confirmation message could not be made; nothing was stored.
    Message(String),
}

/// What is wrong with `new`, per field (`email`, `editions`), or its address.
pub fn check(new: &NewSignup) -> Result<address::Address, Vec<FieldError>> {
    let mut problems = Vec::new();
    let address = address::parse(&new.email)
        .map_err(|e| problems.push(e))
        .ok();
    if new.editions.is_empty() {
        problems.push(FieldError {
            field: "editions".into(),
            message: "Choose at least one newsletter.".into(),
        });
    }
    match address {
        Some(a) if problems.is_empty() => Ok(a),
        _ => Err(problems),
    }
}

/// Stores a sign-up of `address` for `editions` (double opt-in: a new address gets a confirmation message, an
/// address already known is answered alike) and wakes the deliverer.
pub async fn take(
    db: &Db,
    n: &Newsletter,
    address: address::Address,
    mut editions: Vec<Edition>,
) -> Result<(), NotStored> {
    editions.sort();
    editions.dedup();
    let signer = n.signer.clone();
    let deliverer = n.deliverer.clone();
    let site = n.site.clone();
    let done = db
        .run(move |c| {
            let now = store::now();
            let expiry = CONFIRM_HOURS as i64 * 3600;
            let confirmation = |id: i64, nonce: &str, manage: &str| {
                let confirm_token = signer.sign(token::Purpose::Confirm, id, now + expiry, nonce);
                let confirm = format!("{site}{CONFIRM_PATH}?token={confirm_token}");
                let links = reader_links(&signer, &site, id, manage);
                let (subject, text, html) =
                    email_html::confirmation(&site, &confirm, &editions, &links);
                let host = mail::id_host(&site, &deliverer.from);
                mail::build(mail::Outgoing {
                    from: &deliverer.from,
                    to: &address.typed,
                    subject: &subject,
                    text,
                    html,
                    message_id: format!("<confirm.{id}.{nonce}@{host}>"),
                    links: &links,
                    list_id: None,
                })
                .map_err(|e| e.to_string())
            };
            store::sign_up(c, &address, &editions, (now, expiry), &confirmation)
        })
        .await
        .map_err(NotStored::Store)?;
    done.map_err(NotStored::Message)?;
    n.wake.notify_one();
    Ok(())
}
