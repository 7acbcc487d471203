//! `/authors/{author}`: a writer, and their articles a page at a time.

use broadsheet_content::{AuthorPage as AuthorAnswer, Page};
use broadsheet_views::author::AuthorView;
use broadsheet_views::head::Head;
use leptos::prelude::*;

use super::NotFound;
use crate::api::FetchError;
use crate::components::offline::PageFailure;
use crate::components::states::Placeholder;
use crate::load::{use_api, Load};

/// An author's page.
#[component]
pub fn AuthorPage() -> impl IntoView {
    let current = crate::page::use_current();
    // Only author pages: while the router moves to another route, the URL already names the next page.
    let page = Memo::new(move |before: Option<&Option<Page>>| {
        let own = current.get().filter(|p| matches!(p, Page::Author { .. }));
        match (own, current.get()) {
            (Some(p), _) => Some(p),
            (None, None) => None,
            (None, Some(_)) => before.cloned().flatten(),
        }
    });
    let answer = use_api::<AuthorAnswer>(move || page.get().and_then(|p| p.api_path()));
    let retry = Callback::new(move |_| answer.retry());
    crate::navigation::ready_after(answer);
    move || match (page.get(), answer.state.get()) {
        (None, _) | (_, Load::Failed(FetchError::NotFound)) => view! { <NotFound/> }.into_any(),
        (_, Load::Loading) => view! { <Placeholder lines=20/> }.into_any(),
        (_, Load::Failed(e)) => view! { <PageFailure error=e retry=retry/> }.into_any(),
        // A page past the last is no page, as the server answers it (404).
        (Some(p), Load::Ready(a)) if !a.meta.has_page(p.page_number()) => {
            view! { <NotFound/> }.into_any()
        }
        (Some(p), Load::Ready(a)) => {
            crate::head::set(&Head::author(&crate::head::site(), &p, &a));
            view! { <AuthorView author_page=a page=p/> }.into_any()
        }
    }
}
