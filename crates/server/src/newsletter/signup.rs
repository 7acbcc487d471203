//! A sign-up, from the app (JSON, `POST /api/v1/newsletter/signups`) or the plain form (`POST /newsletter`):
//! checked, rate limited per client like comments, and answered alike whether or not the address is known.

use std::net::IpAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use broadsheet_content::{Edition, FieldError, NewSignup, SignupAnswer, CHECK_INBOX};
use broadsheet_newsletter::signup::{self, NotStored};

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

/// Takes a sign-up from `client`.
pub async fn sign_up(st: &AppState, client: IpAddr, new: NewSignup) -> Result<(), Refusal> {
    let address = signup::check(&new).map_err(Refusal::Invalid)?;
    st.signups
        .check(&st.db, client)
        .await
        .map_err(|e| Refusal::Failed(e.into()))?
        .map_err(Refusal::RateLimited)?;
    // A bot filled in the hidden field: it is told what a person would be told, and nothing is stored or sent.
    if !new.website.is_empty() {
        tracing::info!(%client, "honeypot sign-up dropped");
        return Ok(());
    }
    signup::take(&st.db, &st.newsletter, address, new.editions)
        .await
        .map_err(|e| match e {
            NotStored::Store(e) => Refusal::Failed(e.into()),
            NotStored::Message(e) => Refusal::Failed(AppError::internal(format!(
                "confirmation not built, sign-up not stored: {e}"
            ))),
        })
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
