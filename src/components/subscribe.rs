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
        200..=299 => serde_json::from_str::<SignupAnswer>(body)
            .map(|a| a.message)
            .map_err(|_| (Vec::new(), FetchError::Malformed.to_string())),
        422 => match serde_json::from_str::<ApiError>(body) {
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

#[component]
pub fn SubscribeBox() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let editions = RwSignal::new(vec![Edition::Weekly]);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(SignupStatus::Idle);
    let website = move || {
        document()
            .get_element_by_id("signup-website")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if status.get_untracked() == SignupStatus::Busy {
            return;
        }
        let signup = NewSignup {
            email: email.get_untracked(),
            editions: editions.get_untracked(),
            website: website(),
        };
        status.set(SignupStatus::Busy);
        spawn_local(async move {
            match send(&signup).await {
                Ok(message) => {
                    errors.set(Vec::new());
                    email.set(String::new());
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
    view! { <SubscribeView email editions errors status on_submit=submit/> }
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
