//! The newsletter sign-up form: under every article (the subscribe box) and on the sign-up page.
//!
//! It is a plain `POST` form to [`NEWSLETTER_PATH`], so it works before and without the app: the server answers
//! with a page. The app passes `on_submit` and sends the same fields to the API instead, showing the answer in
//! the form without a reload.

use broadsheet_content::{Edition, FieldError, NEWSLETTER_PATH, PRIVACY_PATH};
use leptos::prelude::*;

/// Where a sign-up stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SignupStatus {
    /// Not sent yet.
    #[default]
    Idle,
    /// Sent, waiting for the answer.
    Busy,
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

/// The form. `email` and `editions` are what it shows at first (what the reader sent, when the server shows it
/// again); after that the fields keep what the reader types, and the app reads them from the form when it is
/// sent. `errors` are the server's per-field messages; `status` where the sign-up stands.
#[component]
pub fn SignupForm(
    #[prop(into)] email: String,
    editions: Vec<Edition>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] status: Signal<SignupStatus>,
    /// The app's handler; without it the form posts to the server as a page.
    #[prop(default = None)]
    on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
) -> impl IntoView {
    let error = move |field: &str| error_for(&errors.read(), field);
    let busy = move || status.get() == SignupStatus::Busy;
    let choices = edition_choices("signup", &editions);
    view! {
        <form class="signup-form" method="post" action=NEWSLETTER_PATH novalidate
            on:submit=move |ev| {
                if let Some(f) = on_submit {
                    f.run(ev);
                }
            }>
            <div class="field">
                <label for="signup-email">"Email address"</label>
                {move || error("email").map(|m| view! { <p class="field-error" id="signup-email-error">{m}</p> })}
                <input id="signup-email" name="email" type="email" autocomplete="email" required
                    spellcheck="false" value=email
                    aria-invalid=move || error("email").map(|_| "true")
                    aria-describedby=move || error("email").map(|_| "signup-email-error")/>
            </div>
            <fieldset class="field editions" aria-describedby=move || error("editions").map(|_| "signup-editions-error")>
                <legend>"Newsletters"</legend>
                {move || error("editions").map(|m| view! { <p class="field-error" id="signup-editions-error">{m}</p> })}
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
            <button type="submit" class="button" aria-disabled=move || busy().then_some("true")>
                {move || if busy() { "Subscribing…" } else { "Subscribe" }}
            </button>
            <div class="form-status" role="status" aria-live="polite">
                {move || {
                    let (class, text) = match status.get() {
                        SignupStatus::Done(m) => ("success", m),
                        SignupStatus::Failed(m) => ("failure-text", m),
                        SignupStatus::Busy => ("", "Signing you up…".to_string()),
                        SignupStatus::Idle => return None,
                    };
                    Some(view! { <p class=class>{text}</p> })
                }}
            </div>
        </form>
    }
}

/// The subscribe box under an article: a heading, a line on what the newsletters are, and the form.
#[component]
pub fn SubscribeBox(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] status: Signal<SignupStatus>,
    #[prop(default = None)] on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
) -> impl IntoView {
    let (email, editions) = (String::new(), vec![Edition::Weekly]);
    view! {
        <aside class="subscribe" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">"Get Broadsheet by email"</h2>
            <p>"The week's public-sector news in your inbox every Friday, or a short briefing each weekday morning. Free."</p>
            <SignupForm email editions errors status on_submit/>
        </aside>
    }
}

/// The subscribe box as the server renders it for a first paint: empty, weekly ticked.
#[component]
pub fn PlainSubscribeBox() -> impl IntoView {
    view! { <SubscribeBox errors=Signal::stored(Vec::new()) status=Signal::stored(SignupStatus::Idle)/> }
}
