//! The newsletter as the site offers it: the sign-up API endpoint, the plain form, and the pages readers reach
//! from their mail (confirm, preferences, unsubscribe) and the privacy notice, over `broadsheet-newsletter`.

mod pages;
pub(crate) mod signup;

use axum::routing::{get, post};
use axum::Router;
use broadsheet_content::{
    CONFIRM_PATH, NEWSLETTER_PATH, PREFERENCES_PATH, PRIVACY_PATH, SIGNUP_API_PATH,
    UNSUBSCRIBE_PATH,
};
use broadsheet_newsletter::{Newsletter, Settings};
use broadsheet_store::Db;

use crate::{AppState, Config};

/// The base of every link in mail: `--public-url`, else the address the server listens on. Never a request's
/// `Host` header, which whoever sends the request chooses.
pub fn mail_site(config: &Config) -> String {
    match &config.public_url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => format!("http://{}", config.addr),
    }
}

/// The newsletter's settings from the server's flags.
pub fn settings(config: &Config) -> Settings {
    Settings {
        secret: config.newsletter_secret.clone(),
        from: config.mail_from.clone(),
        smtp_url: config.smtp_url.clone(),
        outbox: config.mail_outbox.clone(),
        retry_secs: config.mail_retry,
        site: mail_site(config),
    }
}

/// Sets the newsletter up from the server's flags; the error names the flag that is wrong.
pub fn open(config: &Config, db: &Db) -> Result<Newsletter, String> {
    Newsletter::new(&settings(config), db)
}

/// The newsletter's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(signup::api), components(schemas(broadsheet_content::Edition)))]
pub struct NewsletterDoc;

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
