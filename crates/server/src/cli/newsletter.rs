//! `broadsheet-server newsletter send` and `broadsheet-server subscribers …` (docs/newsletter.md).

use broadsheet_newsletter::commands;
use broadsheet_server::config::{NewsletterAction, SubscribersAction};
use broadsheet_server::{newsletter, Config};

/// Builds an edition and sends it (or, with `--dry-run`, says who would get it and writes a sample).
pub fn send(config: Config, action: NewsletterAction) -> Result<(), String> {
    let config = super::without_import(config);
    let db = broadsheet_server::prepare(&config)?;
    let n = newsletter::open(&config, &db)?;
    let NewsletterAction::Send {
        edition,
        date,
        dry_run,
    } = action;
    let site = newsletter::mail_site(&config);
    print(commands::send(
        &db,
        &n,
        &site,
        &edition,
        date.as_deref(),
        dry_run,
    )?);
    Ok(())
}

/// What is held about subscribers: an address's export or deletion, or the counts.
pub fn subscribers(config: Config, action: SubscribersAction) -> Result<(), String> {
    let config = super::without_import(config);
    let db = broadsheet_server::prepare(&config)?;
    print(match action {
        SubscribersAction::Export { email } => commands::export(&db, &email)?,
        SubscribersAction::Delete { email } => commands::delete(&db, &email)?,
        SubscribersAction::Counts => commands::counts(&db)?,
    });
    Ok(())
}

fn print(out: String) {
    println!("{}", out.trim_end());
}
