//! Broadsheet: the reader app. `App` holds the router; pages live in `routes/`, shared pieces in
//! `components/`, the API client in `api.rs`.
// Leptos views nest deeply in types; rendering them (ssr, in workspace builds) needs a deeper query limit.
#![recursion_limit = "256"]

pub mod api;
pub mod cache;
pub mod components;
pub mod config;
pub mod head;
pub mod json;
pub mod load;
pub mod navigation;
pub mod offline;
pub mod page;
pub mod posting;
pub mod prefetch;
pub mod reads;
pub mod routes;
pub mod search_forms;
pub mod startup;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Shell;
use routes::{CurrentPage, NotFound};

/// The whole app: the shell (masthead, rails, footer) around the page. One route takes every path, and the content
/// crate's `Page` chooses the page's component ([`routes::CurrentPage`]): the paths are defined once, there, and a
/// table of path patterns here cost 1.4 KB more of wasm (docs/performance.md).
#[component]
pub fn App() -> impl IntoView {
    provide_context(broadsheet_views::Browser {
        article_intent: prefetch::article,
        skip_to_main: components::layout::skip_to_main,
        build_region: || startup::next_task_while_hidden().into(),
    });
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/*any") view=CurrentPage/>
                </Routes>
            </Shell>
        </Router>
    }
}
