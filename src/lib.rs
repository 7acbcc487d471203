//! Broadsheet: the reader app. `App` holds the router; pages live in `routes/`, shared pieces in
//! `components/`, the API client in `api.rs`.
// Leptos views nest deeply in types; rendering them (ssr, in workspace builds) needs a deeper query limit.
#![recursion_limit = "256"]

pub mod api;
pub mod bootstrap;
pub mod cache;
pub mod components;
pub mod config;
pub mod head;
pub mod load;
pub mod navigation;
pub mod offline;
pub mod page;
pub mod posting;
pub mod prefetch;
pub mod routes;
pub mod search_forms;
pub mod startup;
pub mod widget;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Shell;
use routes::AnyPage;

/// The whole app: the shell (masthead, rails, footer) around the routed page. The router has one route; the
/// content crate's `Page::parse` tells the pages apart (`routes/any.rs`), as it does for the server.
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
                <Routes fallback=|| view! { <AnyPage/> }>
                    <Route path=path!("/*any") view=AnyPage/>
                </Routes>
            </Shell>
        </Router>
    }
}
