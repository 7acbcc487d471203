//! The page frame: skip link, masthead with section navigation, main column, rails, footer. The markup is the
//! views' (`broadsheet_views::frame`); this adds the section list's loading and the app's notices.

use broadsheet_content::{Sections, SECTIONS_API_PATH};
use broadsheet_views::frame::{Footer, Masthead, PageColumns, SkipLink};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::offline::{ConnectionNotice, UpdatePrompt};
use super::rails::RailsColumn;
use crate::load::{use_api, Load};

/// Everything around the routed page.
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    crate::navigation::track();
    crate::search_forms::take_over();
    // Behind the server's HTML, the page below the masthead takes a task of its own.
    let rest = crate::startup::next_task_while_hidden();
    view! {
        <SkipLink/>
        <SiteMasthead/>
        {move || rest.get().then(|| {
            let children = children.clone();
            view! {
                <ConnectionNotice/>
                <UpdatePrompt/>
                <PageColumns rails=view! { <RailsColumn/> }.into_any()>{children()}</PageColumns>
                <Footer/>
            }
        }.into_any())}
    }
}

/// Moves focus to the main column. The router would treat `#main` as a navigation, so the link does it itself.
pub fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// The masthead with the sections from the API and the current page's entry marked.
#[component]
fn SiteMasthead() -> impl IntoView {
    // Behind the server's HTML, the section list takes a task of its own.
    let start = crate::startup::next_task_while_hidden();
    let sections = use_api::<Sections>(move || start.get().then(|| SECTIONS_API_PATH.to_string()));
    let page = crate::page::use_current();
    let current = Signal::derive(move || page.get().and_then(|p| p.nav_slug().map(str::to_string)));
    let list = Signal::derive(move || match sections.get() {
        Load::Ready(s) => s.sections,
        _ => Vec::new(),
    });
    Effect::new(move |_| {
        if sections.settled() {
            crate::startup::look_again();
        }
    });
    let query = Signal::derive(move || {
        page.get()
            .map(|p| p.search_text().to_string())
            .unwrap_or_default()
    });
    view! { <Masthead sections=list current=current query=query/> }
}
