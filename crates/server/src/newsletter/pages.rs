//! The newsletter's pages: the plain sign-up form's answer, the confirmation link, preferences and unsubscribe.
//! Each link carries a signed token (`token.rs`); a `POST` to the unsubscribe address unsubscribes at once
//! (RFC 8058: `List-Unsubscribe=One-Click` in the body, the token in the URL, no cookie, no further step).

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use broadsheet_content::{
    Edition, NewSignup, CHECK_INBOX, CONFIRM_PATH, NEWSLETTER_PATH, PREFERENCES_PATH, PRIVACY_PATH,
    UNSUBSCRIBE_PATH,
};
use broadsheet_views::newsletter::NewsletterMain;
use broadsheet_views::subscribe::SignupStatus;
use serde::Deserialize;

use super::signup::{self, Refusal};
use crate::http::client_ip::ClientIp;
use crate::prerender::{server_page, Main};
use crate::AppState;
use broadsheet_newsletter::store;
use broadsheet_newsletter::token::{Purpose, Refused};
use broadsheet_views::head::Head;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn page(
    st: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    path: &'static str,
    status: StatusCode,
    main: NewsletterMain,
) -> Response {
    let site = st.public_url.site(headers, uri);
    // Pages that answer one reader's link are nobody's to index.
    let noindex = !matches!(path, NEWSLETTER_PATH | PRIVACY_PATH);
    let head = Head::server_page(
        &site,
        path,
        main.title(),
        "Broadsheet's newsletters.",
        noindex,
    );
    server_page(&st.prerender, site, status, head, move |_| {
        Main::Newsletter(main)
    })
    .await
}

fn message(title: &str, text: &str, link: Option<(String, &str)>) -> NewsletterMain {
    NewsletterMain::Message {
        title: title.into(),
        text: text.into(),
        link: link.map(|(href, t)| (href, t.to_string())),
    }
}

/// Our fault (the database failed): a 500 page saying what did not happen.
fn failed(text: &str) -> (StatusCode, NewsletterMain) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        message("Something went wrong", text, None),
    )
}

fn refused(why: Refused) -> (StatusCode, NewsletterMain) {
    let again = Some((NEWSLETTER_PATH.to_string(), "Sign up again"));
    match why {
        Refused::Expired => (
            StatusCode::GONE,
            message("This link has expired", "Confirmation links work for 48 hours. Sign up again and we will send a new one.", again),
        ),
        Refused::Invalid => (
            StatusCode::BAD_REQUEST,
            message("This link does not work", "The link may have been cut short or changed. Copy the whole link from the email, or sign up again.", again),
        ),
    }
}

/// `GET /newsletter`: the sign-up page.
pub async fn signup_page(State(st): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let main = NewsletterMain::Signup {
        email: String::new(),
        editions: vec![Edition::Weekly],
        errors: Vec::new(),
        status: SignupStatus::Idle,
    };
    page(&st, &headers, &uri, NEWSLETTER_PATH, StatusCode::OK, main).await
}

/// `POST /newsletter`: the plain form. The answer is a page: "check your inbox", or the form again with what the
/// reader typed and what is wrong.
pub async fn signup_form(
    State(st): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let new = NewSignup::from_form(&body);
    let again = |errors, status_text: String, code| {
        let main = NewsletterMain::Signup {
            email: new.email.clone(),
            editions: signup::chosen(&new),
            errors,
            status: SignupStatus::Failed(status_text),
        };
        (code, main)
    };
    let (code, main) = match signup::sign_up(&st, client, new.clone()).await {
        Ok(()) => (
            StatusCode::OK,
            message("Check your inbox", CHECK_INBOX, None),
        ),
        Err(Refusal::Invalid(errors)) => again(
            errors,
            "Please correct the highlighted fields.".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(Refusal::RateLimited(wait)) => again(
            Vec::new(),
            format!(
                "You have signed up several times in a short while. Please try again in {} minutes.",
                wait.as_secs().div_ceil(60).max(1)
            ),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(Refusal::Failed(_)) => again(
            Vec::new(),
            "Something went wrong on our side. Please try again in a minute.".into(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
    };
    page(&st, &headers, &uri, NEWSLETTER_PATH, code, main).await
}

/// `GET /newsletter/confirm?token=…`: a page with one button that confirms. Opening the link changes nothing:
/// mail scanners follow links, and a sign-up someone else made must not confirm itself.
pub async fn confirm_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<TokenQuery>,
) -> Response {
    let claims = st
        .newsletter
        .signer
        .verify(&q.token, Purpose::Confirm, store::now());
    let (code, main) = match claims {
        Err(why) => refused(why),
        Ok(_) => (StatusCode::OK, NewsletterMain::Confirm { token: q.token }),
    };
    page(&st, &headers, &uri, CONFIRM_PATH, code, main).await
}

/// `POST /newsletter/confirm` with `token`: the double opt-in's second step. Single use.
pub async fn confirm(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let token = form_value(&body, "token").unwrap_or_default();
    let claims = st
        .newsletter
        .signer
        .verify(&token, Purpose::Confirm, store::now());
    let (code, main) = match claims {
        Err(why) => refused(why),
        Ok(claims) => {
            let signer = st.newsletter.signer.clone();
            let site = st.newsletter.site.clone();
            let done = st
                .db
                .run(move |c| {
                    if !store::confirm(c, claims.subscriber, &claims.nonce, store::now())? {
                        return Ok(None);
                    }
                    Ok(store::subscriber(c, claims.subscriber)?.map(|s| {
                        let links = broadsheet_newsletter::reader_links(
                            &signer,
                            &site,
                            s.id,
                            &s.manage_nonce,
                        );
                        (s, links)
                    }))
                })
                .await;
            match done {
                Ok(Some((s, links))) => {
                    let names: Vec<&str> = s.editions.iter().map(|e| e.name()).collect();
                    (
                        StatusCode::OK,
                        NewsletterMain::Message {
                            title: "You're subscribed".into(),
                            text: format!(
                                "Thank you for confirming. {} will come to {}.",
                                if names.is_empty() { "Our newsletters".to_string() } else { names.join(" and ") },
                                s.email
                            ),
                            link: Some((links.preferences, "Choose what you receive".into())),
                        },
                    )
                }
                Ok(None) => (
                    StatusCode::GONE,
                    message(
                        "This link has already been used",
                        "Each confirmation link works once. If you have confirmed, your newsletters are on their way; the link in any of them lets you change what you receive.",
                        Some((NEWSLETTER_PATH.to_string(), "Sign up again")),
                    ),
                ),
                Err(_) => failed("Please try the link again in a minute."),
            }
        }
    };
    page(&st, &headers, &uri, CONFIRM_PATH, code, main).await
}

/// The subscriber a manage token names, if the token is good and they are still subscribed.
async fn manage_subscriber(
    st: &AppState,
    token: &str,
) -> Result<Option<store::Subscriber>, Refused> {
    let claims = st
        .newsletter
        .signer
        .verify(token, Purpose::Manage, store::now())?;
    let found = st
        .db
        .run(move |c| store::subscriber(c, claims.subscriber))
        .await
        .map_err(|_| Refused::Invalid)?;
    Ok(found.filter(|s| s.manage_nonce == claims.nonce))
}

fn gone() -> (StatusCode, NewsletterMain) {
    (
        StatusCode::OK,
        message(
            "You're not subscribed",
            "This address receives no newsletters from us: it has unsubscribed, or never confirmed.",
            Some((NEWSLETTER_PATH.to_string(), "Sign up")),
        ),
    )
}

/// `GET /newsletter/preferences?token=…`.
pub async fn preferences(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<TokenQuery>,
) -> Response {
    let (code, main) = match manage_subscriber(&st, &q.token).await {
        Err(why) => refused(why),
        Ok(None) => gone(),
        Ok(Some(s)) => (
            StatusCode::OK,
            NewsletterMain::Preferences {
                token: q.token,
                editions: s.editions,
                saved: false,
            },
        ),
    };
    page(&st, &headers, &uri, PREFERENCES_PATH, code, main).await
}

/// `POST /newsletter/preferences` with `token` and the `editions` ticked.
pub async fn save_preferences(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let form = NewSignup::from_form(&body);
    let token = form_value(&body, "token").unwrap_or_default();
    let (code, main) = match manage_subscriber(&st, &token).await {
        Err(why) => refused(why),
        Ok(None) => gone(),
        Ok(Some(s)) => {
            let mut editions = form.editions;
            editions.sort();
            let saved = editions.clone();
            match st
                .db
                .run(move |c| store::set_editions(c, s.id, &saved))
                .await
            {
                Ok(()) => (
                    StatusCode::OK,
                    NewsletterMain::Preferences {
                        token,
                        editions,
                        saved: true,
                    },
                ),
                Err(_) => failed("Your preferences were not saved. Please try again in a minute."),
            }
        }
    };
    page(&st, &headers, &uri, PREFERENCES_PATH, code, main).await
}

/// The value of `key` in a form body.
fn form_value(body: &[u8], key: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// `GET /newsletter/unsubscribe?token=…`: one button (a link alone must not unsubscribe: mail scanners follow
/// links).
pub async fn unsubscribe_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<TokenQuery>,
) -> Response {
    let (code, main) = match manage_subscriber(&st, &q.token).await {
        Err(why) => refused(why),
        Ok(None) => gone(),
        Ok(Some(_)) => (
            StatusCode::OK,
            NewsletterMain::Unsubscribe { token: q.token },
        ),
    };
    page(&st, &headers, &uri, UNSUBSCRIBE_PATH, code, main).await
}

/// `POST /newsletter/unsubscribe`: the token in the URL (one-click, RFC 8058) or the form. Deletes the
/// subscriber at once; again is no error.
pub async fn unsubscribe(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<TokenQuery>,
    body: Bytes,
) -> Response {
    let token = if q.token.is_empty() {
        form_value(&body, "token").unwrap_or_default()
    } else {
        q.token
    };
    let (code, main) = match manage_subscriber(&st, &token).await {
        Err(why) => refused(why),
        Ok(None) => gone(),
        Ok(Some(s)) => match st.db.run(move |c| store::delete(c, s.id)).await {
            Ok(_) => (
                StatusCode::OK,
                message(
                    "You're unsubscribed",
                    "You will get no more newsletters from us, and your address is deleted from our list.",
                    Some((NEWSLETTER_PATH.to_string(), "Changed your mind? Sign up again")),
                ),
            ),
            Err(_) => failed("You are not unsubscribed yet. Please try again in a minute."),
        },
    };
    page(&st, &headers, &uri, UNSUBSCRIBE_PATH, code, main).await
}

/// `GET /privacy`.
pub async fn privacy(State(st): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    page(
        &st,
        &headers,
        &uri,
        PRIVACY_PATH,
        StatusCode::OK,
        NewsletterMain::Privacy,
    )
    .await
}
