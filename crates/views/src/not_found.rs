//! The not-found page's main column.

use broadsheet_content::Page;
use leptos::prelude::*;

/// Title of the not-found page.
pub const NOT_FOUND_TITLE: &str = "Page not found";

/// What a reader sees at an address with no page: a heading and the ways on.
#[component]
pub fn NotFoundView() -> impl IntoView {
    view! {
        <div class="not-found">
            <h1 tabindex="-1">{NOT_FOUND_TITLE}</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href=Page::Front.href()>"Go to the front page"</a>" or "
                <a href=Page::Latest { page: 1 }.href()>"read the latest news"</a>"."</p>
        </div>
    }
}
