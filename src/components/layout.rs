//! The page frame: skip link, masthead with section navigation, main column, rails, footer.

use broadsheet_content::Sections;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::offline::{ConnectionNotice, UpdatePrompt};
use super::rails::RailsColumn;
use crate::load::{use_api, Load};

/// The first path segment, which is the section on section and article pages.
pub fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// Everything around the routed page.
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    crate::navigation::track();
    // Behind the server's HTML, the page below the masthead takes a task of its own.
    let rest = crate::startup::next_task_while_hidden();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
        <Masthead/>
        {move || rest.get().then(|| view! {
            <ConnectionNotice/>
            <UpdatePrompt/>
            <div class="page">
                <main id="main" tabindex="-1">{children()}</main>
                <RailsColumn/>
            </div>
            <footer class="site-footer">
                <p>"Broadsheet — news and analysis for people who run public services."</p>
                <p><a href="/saved">"Saved articles"</a>" · "<a href="/embed">"Our headlines on your site"</a></p>
                <p>"Demo content: every person, place and quote on this site is invented."</p>
            </footer>
        }.into_any())}
    }
}

/// Moves focus to the main column. The router would treat `#main` as a navigation, so the link does it itself.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
fn Masthead() -> impl IntoView {
    // Behind the server's HTML, the section list takes a task of its own.
    let start = crate::startup::next_task_while_hidden();
    let sections = use_api::<Sections>(move || start.get().then(|| "/sections".to_string()));
    let location = use_location();
    let current = Memo::new(move |_| first_segment(&location.pathname.get()).to_string());
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <a class="site-name" href="/">"Broadsheet"</a>
                <p class="tagline">"For people who run public services"</p>
            </div>
            <nav class="section-nav" aria-label="Sections">
                <ul>
                    <li><a href="/" aria-current=move || (current.get().is_empty()).then_some("page")>"Home"</a></li>
                    {move || match sections.state.get() {
                        Load::Ready(s) => s.sections.into_iter().map(|s| {
                            let slug = s.slug.clone();
                            let is_current = move || (current.get() == slug).then_some("page");
                            view! { <li><a href=format!("/{}", s.slug) aria-current=is_current>{s.name}</a></li> }
                        }).collect_view().into_any(),
                        _ => ().into_any(),
                    }}
                    <li><a href="/latest" aria-current=move || (current.get() == "latest").then_some("page")>"Latest"</a></li>
                </ul>
            </nav>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::first_segment;

    #[test]
    fn segments() {
        assert_eq!(first_segment("/"), "");
        assert_eq!(first_segment("/housing"), "housing");
        assert_eq!(first_segment("/housing/a-story"), "housing");
    }
}
