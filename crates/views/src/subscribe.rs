//! The newsletter sign-up form: under every article (the subscribe box) and on the sign-up page.
//!
//! It is a plain `POST` form to [`NEWSLETTER_PATH`], so it works before and without the app: the server answers
//! with a page (the app renders the same form and leaves its sending to the browser: the code that sent it to the
//! API and showed the answer in place cost every reader 2.4 KB of wasm, docs/performance.md).

use broadsheet_content::{Edition, FieldError, NEWSLETTER_PATH, PRIVACY_PATH};
use leptos::prelude::*;

/// Where a sign-up stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SignupStatus {
    /// Not sent yet.
    #[default]
    Idle,
    /// Accepted: what the reader is told ([`broadsheet_content::CHECK_INBOX`]).
    Done(String),
    /// Not accepted: what to do about it (field errors are shown at their fields as well).
    Failed(String),
}

/// The message for `field` (`email` or `editions`) among `errors`, if any.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// A checkbox for each edition, named `editions` (the form field the server reads), ticked where `chosen`;
/// ids are `{prefix}-{slug}`.
pub fn edition_choices(prefix: &'static str, chosen: &[Edition]) -> impl IntoView {
    Edition::ALL
        .into_iter()
        .map(|e| {
            let id = format!("{prefix}-{}", e.slug());
            view! {
                <div class="choice">
                    <input type="checkbox" id=id.clone() name="editions" value=e.slug()
                        checked=chosen.contains(&e)/>
                    <label for=id><strong>{e.name()}</strong>" "{e.description()}</label>
                </div>
            }
        })
        .collect_view()
}

/// The form, with what it shows at first: empty, or what the reader sent when the server shows it again, with
/// the server's per-field messages (`errors`) and where the sign-up stands (`status`).
#[component]
pub fn SignupForm(
    #[prop(into)] email: String,
    editions: Vec<Edition>,
    errors: Vec<FieldError>,
    status: SignupStatus,
) -> impl IntoView {
    let email_error = error_for(&errors, "email");
    let editions_error = error_for(&errors, "editions");
    let choices = edition_choices("signup", &editions);
    let status = match status {
        SignupStatus::Done(m) => Some(("success", m)),
        SignupStatus::Failed(m) => Some(("failure-text", m)),
        SignupStatus::Idle => None,
    };
    view! {
        <form class="signup-form" method="post" action=NEWSLETTER_PATH novalidate>
            <div class="field">
                <label for="signup-email">"Email address"</label>
                {email_error.clone().map(|m| view! { <p class="field-error" id="signup-email-error">{m}</p> })}
                <input id="signup-email" name="email" type="email" autocomplete="email" required
                    spellcheck="false" value=email
                    aria-invalid=email_error.as_ref().map(|_| "true")
                    aria-describedby=email_error.as_ref().map(|_| "signup-email-error")/>
            </div>
            <fieldset class="field editions" aria-describedby=editions_error.as_ref().map(|_| "signup-editions-error")>
                <legend>"Newsletters"</legend>
                {editions_error.clone().map(|m| view! { <p class="field-error" id="signup-editions-error">{m}</p> })}
                {choices}
            </fieldset>
            <p class="consent">
                "We use your address only to send the newsletters you choose, and never pass it on. Every email "
                "has a link to unsubscribe at once. "
                <a href=PRIVACY_PATH rel="external">"How we handle your data"</a>
            </p>
            <div class="trap" aria-hidden="true">
                <label for="signup-website">"Leave this empty"</label>
                <input id="signup-website" name="website" type="text" tabindex="-1" autocomplete="off"/>
            </div>
            <button type="submit" class="button">"Subscribe"</button>
            <div class="form-status" role="status" aria-live="polite">
                {status.map(|(class, text)| view! { <p class=class>{text}</p> })}
            </div>
        </form>
    }
}

/// The subscribe box under an article: a heading, a line on what the newsletters are, and the form.
#[component]
pub fn SubscribeBox(errors: Vec<FieldError>, status: SignupStatus) -> impl IntoView {
    let (email, editions) = (String::new(), vec![Edition::Weekly]);
    view! {
        <aside class="subscribe" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">"Get Broadsheet by email"</h2>
            <p>"The week's public-sector news in your inbox every Friday, or a short briefing each weekday morning. Free."</p>
            <SignupForm email editions errors status/>
        </aside>
    }
}

/// The subscribe box as the server renders it for a first paint: empty, weekly ticked.
#[component]
pub fn PlainSubscribeBox() -> impl IntoView {
    view! { <SubscribeBox errors=Vec::new() status=SignupStatus::Idle/> }
}
