use broadsheet_content::is_server_page;
use broadsheet_views::head::Head;
use broadsheet_views::not_found::NotFoundView;
use leptos::prelude::*;

/// Unknown paths, sections and articles. A page the server alone serves (a link to `/newsletter` in an article,
/// say) is no app page: the server is asked for it with a full load, which the app is not part of, so it cannot
/// come back here.
#[component]
pub fn NotFound() -> impl IntoView {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        if location.pathname().is_ok_and(|p| is_server_page(&p)) {
            let _ = location.reload();
        }
    }
    Effect::new(move |_| crate::navigation::page_ready());
    crate::head::set(&Head::not_found(&crate::head::site()));
    view! { <NotFoundView/> }
}
