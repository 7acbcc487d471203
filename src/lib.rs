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
pub mod routes;
pub mod search_forms;
pub mod startup;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Shell;
use routes::{ArticlePage, FrontPage, ListingPage, NotFound, SavedPage};

/// The whole app: the shell (masthead, rails, footer) around the routed page. The routes are those of the content
/// crate's `Page` (each page checks its path with `Page::parse`, so a path the router takes but `Page` does not is
/// the not-found page). One catch-all route choosing by `Page` was tried: 2.1 KB smaller, its effect on the
/// start-up's tasks not measurable on a noisy machine (docs/performance.md); the table stays until it is.
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
                    <Route path=path!("/") view=FrontPage/>
                    <Route path=path!("/latest") view=ListingPage/>
                    <Route path=path!("/saved") view=SavedPage/>
                    <Route path=path!("/kinds/:kind") view=ListingPage/>
                    <Route path=path!("/topics/:topic") view=ListingPage/>
                    <Route path=path!("/authors/:author") view=ListingPage/>
                    <Route path=path!("/search") view=ListingPage/>
                    <Route path=path!("/:section") view=ListingPage/>
                    <Route path=path!("/:section/:slug") view=ArticlePage/>
                </Routes>
            </Shell>
        </Router>
    }
}
