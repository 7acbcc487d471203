use broadsheet_views::head::Head;
use broadsheet_views::not_found::NotFoundView;
use leptos::prelude::*;

/// Unknown paths, sections and articles.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    crate::head::set(&Head::not_found(&crate::head::site()));
    view! { <NotFoundView/> }
}
