use leptos::prelude::*;

use crate::components::meta::PageMeta;

/// Unknown paths, sections and articles.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    view! {
        <PageMeta title="Page not found".to_string() description="There is no page at this address.".to_string()
            path="/".to_string()/>
        <div class="not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href="/">"Go to the front page"</a>" or "<a href="/latest">"read the latest news"</a>"."</p>
        </div>
    }
}
