//! The subscribe box under every article.

use broadsheet_content::Page;
use leptos::prelude::*;

#[component]
pub fn SubscribeBox() -> impl IntoView {
    view! {
        <aside class="subscribe" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">"Enjoying Broadsheet?"</h2>
            <p>"Get the week's public-sector news in your inbox every Friday, or a printed copy of the quarterly magazine."</p>
            <p class="subscribe-links">
                <a class="button" href=Page::Latest { page: 1 }.href()>"Read the latest news"</a>
            </p>
        </aside>
    }
}
