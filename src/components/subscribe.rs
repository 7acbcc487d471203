//! The subscribe box under every article: the views' sign-up form, sent by the app to the API so the answer
//! shows in place, without a reload. What the reader typed stays in the form on every failure.

use broadsheet_content::{ApiError, Edition, FieldError, NewSignup, SignupAnswer, SIGNUP_API_PATH};
use broadsheet_views::subscribe::{SignupStatus, SubscribeBox as SubscribeView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::FetchError;

/// What the answer to a sign-up means for the form: accepted (the message), or the field errors and what to
/// tell the reader.
pub fn decode(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Result<String, (Vec<FieldError>, String)> {
    match status {
        200..=299 => crate::json::from_str::<SignupAnswer>(body)
            .map(|a| a.message)
            .map_err(|_| (Vec::new(), FetchError::Malformed.to_string())),
        422 => match crate::json::from_str::<ApiError>(body) {
            Ok(e) if !e.error.fields.is_empty() => Err((
                e.error.fields,
                "Please correct the highlighted fields.".into(),
            )),
            _ => Err((Vec::new(), FetchError::Status(422).to_string())),
        },
        429 => {
            let minutes = retry_after
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(600)
                .div_ceil(60)
                .max(1);
            Err((
                Vec::new(),
                format!("You have signed up several times in a short while. Please try again in {minutes} minutes."),
            ))
        }
        s => Err((Vec::new(), FetchError::Status(s).to_string())),
    }
}

async fn send(signup: &NewSignup) -> Result<String, (Vec<FieldError>, String)> {
    let network = || (Vec::new(), FetchError::Network.to_string());
    let request = gloo_net::http::Request::post(&crate::api::url(SIGNUP_API_PATH))
        .header("Accept", "application/json")
        .json(signup)
        .map_err(|_| network())?;
    let response = request.send().await.map_err(|_| network())?;
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| network())?;
    decode(response.status(), retry_after.as_deref(), &body)
}

/// Focuses the field of the first error once the messages are on screen.
fn focus_first(errors: &[FieldError]) {
    let Some(first) = errors.first() else { return };
    let id = match first.field.as_str() {
        "editions" => format!("signup-{}", Edition::ALL[0].slug()),
        f => format!("signup-{f}"),
    };
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// What the form holds when it is sent: its fields as the server reads them.
fn read_form(ev: &leptos::ev::SubmitEvent) -> Option<NewSignup> {
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    let editions = data
        .get_all("editions")
        .iter()
        .filter_map(|v| v.as_string().and_then(|s| Edition::parse(&s)))
        .collect();
    Some(NewSignup {
        email: text("email"),
        editions,
        website: text("website"),
    })
}

#[component]
pub fn SubscribeBox() -> impl IntoView {
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(SignupStatus::Idle);
    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if status.get_untracked() == SignupStatus::Busy {
            return;
        }
        let Some(signup) = read_form(&ev) else {
            return;
        };
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        status.set(SignupStatus::Busy);
        spawn_local(async move {
            match send(&signup).await {
                Ok(message) => {
                    errors.set(Vec::new());
                    // Back to the form's first state: an empty address, the weekly edition ticked.
                    if let Some(form) = form {
                        form.reset();
                    }
                    status.set(SignupStatus::Done(message));
                }
                Err((fields, message)) => {
                    focus_first(&fields);
                    errors.set(fields);
                    status.set(SignupStatus::Failed(message));
                }
            }
        });
    });
    view! { <SubscribeView errors status on_submit=Some(submit)/> }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn answers_are_read_for_the_reader() {
        assert_eq!(
            decode(202, None, r#"{"message":"Check your inbox"}"#),
            Ok("Check your inbox".into())
        );
        let (fields, message) = decode(
            422,
            None,
            r#"{"error":{"code":"invalid","message":"x","fields":[{"field":"email","message":"Enter your email address."}]}}"#,
        )
        .unwrap_err();
        assert_eq!(fields[0].field, "email");
        assert!(message.contains("highlighted"));
        assert!(decode(429, Some("120"), "{}")
            .unwrap_err()
            .1
            .contains("2 minutes"));
        assert!(decode(503, None, "").unwrap_err().1.contains("problem"));
    }
}
