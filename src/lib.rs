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
pub mod live;
pub mod load;
pub mod navigation;
pub mod offline;
pub mod page;
pub mod prefetch;
pub mod reads;
pub mod router;
pub mod routes;
pub mod search_forms;
pub mod startup;

use leptos::prelude::*;

use components::layout::Shell;
use routes::CurrentPage;

/// The whole app: the shell (masthead, rails, footer) around the page. Every path is the one component whose
/// page the content crate's `Page` chooses ([`routes::CurrentPage`]): the paths are defined once, there, and the
/// app's own router ([`router`]) only follows the address.
#[component]
pub fn App() -> impl IntoView {
    provide_context(broadsheet_views::Browser {
        article_intent: prefetch::article,
        skip_to_main: components::layout::skip_to_main,
        build_region: || startup::next_task_while_hidden().into(),
    });
    router::listen();
    view! { <Shell><CurrentPage/></Shell> }
}
