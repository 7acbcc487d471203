//! The "add your comment" form under an article: labelled fields checked inline by the API's own rules, a
//! submit button that shows progress and cannot post twice, and the draft kept until the comment is accepted.

use broadsheet_content::{FieldError, NewComment, BODY_MAX, NAME_MAX};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::posting::{self, Draft, PostError};

/// Where the form stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Done(String),
    Failed(String),
}

/// The message for `field` among `errors`, if any.
fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// Moves focus to the first field with an error, once the messages are on screen.
fn focus_first_error(errors: &[FieldError]) {
    let Some(first) = errors.first() else { return };
    let id = format!("comment-{}", first.field);
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The form's state, in signals, shared by its handlers.
#[derive(Clone, Copy)]
struct FormState {
    path: StoredValue<String>,
    name: RwSignal<String>,
    body: RwSignal<String>,
    /// The draft's key: posting it again stores nothing new.
    key: StoredValue<String>,
    /// The honeypot.
    website: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    sending: RwSignal<Sending>,
}

impl FormState {
    /// The form for the article at `path`, with the draft kept on this device if there is one; true when a
    /// draft was kept.
    fn new(path: String) -> (FormState, bool) {
        let saved = posting::load_draft(&path).unwrap_or_default();
        let kept = !saved.body.trim().is_empty();
        let key = if saved.key.is_empty() {
            posting::new_key()
        } else {
            saved.key
        };
        let form = FormState {
            path: StoredValue::new(path),
            name: RwSignal::new(saved.name),
            body: RwSignal::new(saved.body),
            key: StoredValue::new(key),
            website: RwSignal::new(String::new()),
            errors: RwSignal::new(Vec::new()),
            sending: RwSignal::new(Sending::Idle),
        };
        (form, kept)
    }

    /// Keeps what is written on this device, in case the reader leaves or the post fails.
    fn save(self) {
        posting::save_draft(
            &self.path.get_value(),
            &Draft {
                name: self.name.get_untracked(),
                body: self.body.get_untracked(),
                key: self.key.get_value(),
            },
        )
    }

    /// Checks the comment with the server's own rules, then posts it; `on_posted` runs when it is taken.
    fn submit(self, on_posted: Callback<()>) {
        if self.sending.get_untracked() == Sending::Busy {
            return;
        }
        let comment = NewComment {
            name: self.name.get_untracked(),
            body: self.body.get_untracked(),
            key: Some(self.key.get_value()),
            website: self.website.get_untracked(),
        };
        let problems = comment.problems();
        if !problems.is_empty() {
            focus_first_error(&problems);
            self.errors.set(problems);
            self.sending.set(Sending::Idle);
            return;
        }
        self.errors.set(Vec::new());
        self.sending.set(Sending::Busy);
        self.save();
        spawn_local(async move {
            match posting::post(&self.path.get_value(), &comment).await {
                Ok(posted) => {
                    posting::clear_draft(&self.path.get_value());
                    self.body.set(String::new());
                    self.key.set_value(posting::new_key());
                    self.sending.set(Sending::Done(posted.message));
                    on_posted.run(());
                }
                Err(e) => {
                    if let PostError::Invalid(fields) = &e {
                        focus_first_error(fields);
                        self.errors.set(fields.clone());
                    }
                    self.sending.set(Sending::Failed(e.message()));
                }
            }
        });
    }
}

#[component]
pub fn CommentForm(
    /// The article's path, `/section/slug`.
    path: String,
    /// Called after a comment is accepted, to show it if it is published at once.
    on_posted: Callback<()>,
) -> impl IntoView {
    // A comment written here before and not posted (the reader left, or the post failed) is offered again.
    let (form, kept) = FormState::new(path);
    let FormState {
        name,
        body,
        website,
        errors,
        sending,
        ..
    } = form;
    let save = move || form.save();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(on_posted);
    };

    let field_error = move |field: &'static str| {
        move || {
            error_for(&errors.read(), field).map(|m| {
                view! { <p class="field-error" id=format!("comment-{field}-error")>{m}</p> }
            })
        }
    };
    let described = move |field: &'static str| {
        move || {
            let mut ids = format!("comment-{field}-hint");
            if error_for(&errors.read(), field).is_some() {
                ids.push_str(&format!(" comment-{field}-error"));
            }
            ids
        }
    };
    let invalid =
        move |field: &'static str| move || error_for(&errors.read(), field).map(|_| "true");

    view! {
        <form class="comment-form" on:submit=submit novalidate>
            <h3>"Add your comment"</h3>
            {kept.then(|| view! {
                <p class="draft-note">"Your comment below has not been posted yet: it was kept on this device."</p>
            })}
            <div class="field">
                <label for="comment-name">"Your name"</label>
                <p class="hint" id="comment-name-hint">{format!("Shown with your comment. Up to {NAME_MAX} characters.")}</p>
                {field_error("name")}
                <input id="comment-name" name="name" type="text" autocomplete="nickname"
                    prop:value=move || name.get() aria-describedby=described("name") aria-invalid=invalid("name")
                    on:input=move |ev| { name.set(event_target_value(&ev)); save(); }/>
            </div>
            <div class="field">
                <label for="comment-body">"Your comment"</label>
                <p class="hint" id="comment-body-hint">{format!("Plain text, up to {BODY_MAX} characters and 3 links. An editor may check it before it appears.")}</p>
                {field_error("body")}
                <textarea id="comment-body" name="body" rows="6" prop:value=move || body.get()
                    aria-describedby=described("body") aria-invalid=invalid("body")
                    on:input=move |ev| { body.set(event_target_value(&ev)); save(); }></textarea>
            </div>
            <div class="trap" aria-hidden="true">
                <label for="comment-website">"Leave this empty"</label>
                <input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" aria-disabled=move || (sending.get() == Sending::Busy).then_some("true")>
                {move || if sending.get() == Sending::Busy { "Posting…" } else { "Post comment" }}
            </button>
            <div class="form-status" role="status" aria-live="polite">
                {move || match sending.get() {
                    Sending::Done(m) => Some(view! { <p class="success">{m}</p> }.into_any()),
                    Sending::Failed(m) => Some(view! { <p class="failure-text">{m}</p> }.into_any()),
                    Sending::Busy => Some(view! { <p>"Posting your comment…"</p> }.into_any()),
                    Sending::Idle => None,
                }}
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_found_by_field() {
        let errors = vec![FieldError {
            field: "body".into(),
            message: "Write your comment.".into(),
        }];
        assert_eq!(
            error_for(&errors, "body").as_deref(),
            Some("Write your comment.")
        );
        assert_eq!(error_for(&errors, "name"), None);
    }
}
