//! Previous/next page links, with the page in the URL.

use broadsheet_content::Pagination;
use leptos::prelude::*;

/// `base?page=N`, or `base` for page 1.
pub fn page_href(base: &str, page: u32) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}?page={page}")
    }
}

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

#[cfg(test)]
mod tests {
    use super::page_href;

    #[test]
    fn hrefs() {
        assert_eq!(page_href("/housing", 1), "/housing");
        assert_eq!(page_href("/housing", 3), "/housing?page=3");
    }
}
