//! Previous/next page links of a listing, with the page in the URL.

use broadsheet_content::{Page, Pagination};
use leptos::prelude::*;

/// The pager of `page` (a listing), from the answer's pagination `meta`.
#[component]
pub fn Pager(meta: Pagination, page: Page) -> impl IntoView {
    let prev = meta.prev.map(|p| page.at_page(p).href());
    let next = meta.next.map(|p| page.at_page(p).href());
    view! {
        <nav class="pager" aria-label="Pages">
            {prev.map(|href| view! { <a class="button" href=href rel="prev">"‹ Newer"</a> })}
            <span class="pager-status">{format!("Page {} of {}", meta.page.min(meta.pages), meta.pages)}</span>
            {next.map(|href| view! { <a class="button" href=href rel="next">"Older ›"</a> })}
        </nav>
    }
}
