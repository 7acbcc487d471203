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

/// The form's fields and status. `email` and `editions` hold what the reader entered (kept on every failure);
/// `errors` are the server's per-field messages.
#[component]
pub fn SignupForm(
    email: RwSignal<String>,
    editions: RwSignal<Vec<Edition>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] status: Signal<SignupStatus>,
    /// The app's handler; without it the form posts to the server as a page.
    #[prop(optional)]
    on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
) -> impl IntoView {
    let field_error = move |field: &'static str| {
        move || {
            error_for(&errors.read(), field).map(|m| {
                view! { <p class="field-error" id=format!("signup-{field}-error")>{m}</p> }
            })
        }
    };
    let invalid =
        move |field: &'static str| move || error_for(&errors.read(), field).map(|_| "true");
    let described = move |field: &'static str| {
        move || error_for(&errors.read(), field).map(|_| format!("signup-{field}-error"))
    };
    let busy = move || status.get() == SignupStatus::Busy;
    let choices = Edition::ALL
        .into_iter()
        .map(|e| {
            let id = format!("signup-{}", e.slug());
            let initially = editions.get_untracked().contains(&e);
            view! {
                <div class="choice">
                    <input type="checkbox" id=id.clone() name="editions" value=e.slug()
                        checked=initially prop:checked=move || editions.read().contains(&e)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            editions.update(|list| {
                                list.retain(|x| *x != e);
                                if on {
                                    list.push(e);
                                    list.sort();
                                }
                            });
                        }/>
                    <label for=id><strong>{e.name()}</strong>" "{e.description()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="signup-form" method="post" action=NEWSLETTER_PATH novalidate
            on:submit=move |ev| {
                if let Some(f) = on_submit {
                    f.run(ev);
                }
            }>
            <div class="field">
                <label for="signup-email">"Email address"</label>
                {field_error("email")}
                <input id="signup-email" name="email" type="email" autocomplete="email" required
                    spellcheck="false" value=email.get_untracked() prop:value=move || email.get()
                    aria-invalid=invalid("email") aria-describedby=described("email")
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <fieldset class="field editions" aria-describedby=described("editions")>
                <legend>"Newsletters"</legend>
                {field_error("editions")}
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
                {move || match status.get() {
                    SignupStatus::Done(m) => Some(view! { <p class="success">{m}</p> }.into_any()),
                    SignupStatus::Failed(m) => Some(view! { <p class="failure-text">{m}</p> }.into_any()),
                    SignupStatus::Busy => Some(view! { <p>"Signing you up…"</p> }.into_any()),
                    SignupStatus::Idle => None,
                }}
            </div>
        </form>
    }
}

/// The subscribe box under an article: a heading, a line on what the newsletters are, and the form.
#[component]
pub fn SubscribeBox(
    email: RwSignal<String>,
    editions: RwSignal<Vec<Edition>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] status: Signal<SignupStatus>,
    #[prop(optional)] on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
) -> impl IntoView {
    view! {
        <aside class="subscribe" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">"Get Broadsheet by email"</h2>
            <p>"The week's public-sector news in your inbox every Friday, or a short briefing each weekday morning. Free."</p>
            {match on_submit {
                Some(f) => view! { <SignupForm email editions errors status on_submit=f/> }.into_any(),
                None => view! { <SignupForm email editions errors status/> }.into_any(),
            }}
        </aside>
    }
}

/// The subscribe box as the server renders it for a first paint: empty, weekly ticked.
#[component]
pub fn PlainSubscribeBox() -> impl IntoView {
    view! {
        <SubscribeBox email=RwSignal::new(String::new()) editions=RwSignal::new(vec![Edition::Weekly])
            errors=Signal::stored(Vec::new()) status=Signal::stored(SignupStatus::Idle)/>
    }
}
