//! Previous/next page links, with the page in the URL.

use broadsheet_content::{page_href, Pagination};
use leptos::prelude::*;

#[component]
pub fn Pager(meta: Pagination, base: String) -> impl IntoView {
    let prev = meta.prev.map(|p| page_href(&base, p));
    let next = meta.next.map(|p| page_href(&base, p));
    view! {
        <nav class="pager" aria-label="Pages">
            {prev.map(|href| view! { <a class="button" href=href rel="prev">"‹ Newer"</a> })}
            <span class="pager-status">{format!("Page {} of {}", meta.page.min(meta.pages), meta.pages)}</span>
            {next.map(|href| view! { <a class="button" href=href rel="next">"Older ›"</a> })}
        </nav>
    }
}
