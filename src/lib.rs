//! Broadsheet: the reader app. `App` holds the router; pages live in `routes/`, shared pieces in
//! `components/`, the API client in `api.rs`.

pub mod api;
pub mod bootstrap;
pub mod cache;
pub mod components;
pub mod config;
pub mod dates;
pub mod load;
pub mod navigation;
pub mod offline;
pub mod posting;
pub mod prefetch;
pub mod routes;
pub mod startup;
pub mod widget;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Shell;
use routes::{
    ArticlePage, EmbedPage, FrontPage, KindPage, LatestPage, NotFound, SavedPage, SectionPage,
};

/// The whole app: the shell (masthead, rails, footer) around the routed page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=FrontPage/>
                    <Route path=path!("/latest") view=LatestPage/>
                    <Route path=path!("/embed") view=EmbedPage/>
                    <Route path=path!("/saved") view=SavedPage/>
                    <Route path=path!("/kinds/:kind") view=KindPage/>
                    <Route path=path!("/:section") view=SectionPage/>
                    <Route path=path!("/:section/:slug") view=ArticlePage/>
                </Routes>
            </Shell>
        </Router>
    }
}
