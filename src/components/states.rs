//! Loading placeholders that hold the final space, and failures with a way to try again.

use leptos::prelude::*;

use crate::api::FetchError;

/// Grey blocks where content will be; `lines` sets the height it reserves.
#[component]
pub fn Placeholder(
    #[prop(default = 6)] lines: usize,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("placeholder {class}") aria-busy="true" aria-label="Loading">
            {(0..lines).map(|_| view! { <div class="placeholder-line"></div> }).collect_view()}
        </div>
    }
}

/// A failure where the content would be, with a retry button. The rest of the page keeps working.
#[component]
pub fn Failure(error: FetchError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="failure" role="alert">
            <p>{error.message()}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Try again"</button>
        </div>
    }
}
