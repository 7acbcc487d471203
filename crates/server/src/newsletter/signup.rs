//! A sign-up, from the app (JSON, `POST /api/v1/newsletter/signups`) or the plain form (`POST /newsletter`):
//! checked, rate limited per client like comments, and answered alike whether or not the address is known.

use std::net::IpAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use broadsheet_content::{
    Edition, FieldError, NewSignup, SignupAnswer, CHECK_INBOX, CONFIRM_HOURS, CONFIRM_PATH,
};

use super::store;
use super::{address, email_html, mail, reader_links, token};
use crate::http::client_ip::ClientIp;
use crate::http::AppError;
use crate::AppState;

/// Why a sign-up was not taken.
pub enum Refusal {
    /// What is wrong, per field (`email`, `editions`).
    Invalid(Vec<FieldError>),
    /// Too many sign-ups from this client; try again after this long.
    RateLimited(std::time::Duration),
    Failed(AppError),
}

/// What is wrong with `new`, per field, or its address.
fn check(new: &NewSignup) -> Result<address::Address, Vec<FieldError>> {
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

/// Takes a sign-up from `client`.
pub async fn sign_up(st: &AppState, client: IpAddr, new: NewSignup) -> Result<(), Refusal> {
    let address = check(&new).map_err(Refusal::Invalid)?;
    let n = st.newsletter.clone();
    n.limiter
        .check(&st.db, client)
        .await
        .map_err(|e| Refusal::Failed(e.into()))?
        .map_err(Refusal::RateLimited)?;
    // A bot filled in the hidden field: it is told what a person would be told, and nothing is stored or sent.
    if !new.website.is_empty() {
        tracing::info!(%client, "honeypot sign-up dropped");
        return Ok(());
    }
    let mut editions = new.editions;
    editions.sort();
    editions.dedup();
    let signer = n.signer.clone();
    let deliverer = n.deliverer.clone();
    // Links in mail use the configured public URL, never the request's Host header (which a sender may forge).
    let site = n.site.clone();
    let done = st
        .db
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
        .map_err(|e| Refusal::Failed(e.into()))?;
    if let Err(e) = done {
        tracing::warn!("confirmation not built, sign-up not stored: {e}");
        return Err(Refusal::Failed(AppError::internal(e)));
    }
    n.wake.notify_one();
    Ok(())
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> AppError {
        match r {
            Refusal::Invalid(fields) => AppError::invalid(fields),
            Refusal::RateLimited(wait) => AppError::too_many(wait, "signed up several times"),
            Refusal::Failed(e) => e,
        }
    }
}

/// The editions in `new`, for a form shown again.
pub fn chosen(new: &NewSignup) -> Vec<Edition> {
    new.editions.clone()
}

/// Sign up for newsletters (double opt-in: a confirmation email is sent to a new address).
#[utoipa::path(post, path = "/api/v1/newsletter/signups", tag = "newsletter",
    request_body = NewSignup,
    responses(
        (status = 202, description = "Taken; the same answer whether or not the address was known", body = SignupAnswer),
        (status = 400, description = "Not a readable sign-up", body = broadsheet_content::ApiError),
        (status = 422, description = "Breaks a rule; `fields` says which (`email`, `editions`)", body = broadsheet_content::ApiError),
        (status = 429, description = "Too many sign-ups from this client; see `Retry-After`", body = broadsheet_content::ApiError)))]
pub async fn api(
    State(st): State<AppState>,
    ClientIp(client): ClientIp,
    body: Result<Json<NewSignup>, JsonRejection>,
) -> Result<(StatusCode, Json<SignupAnswer>), AppError> {
    let Json(new) = body.map_err(|_| {
        AppError::bad_parameter(
            "The sign-up could not be read: send JSON with an email and editions.",
        )
    })?;
    sign_up(&st, client, new).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(SignupAnswer {
            message: CHECK_INBOX.into(),
        }),
    ))
}
