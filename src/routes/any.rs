//! The one route: every path is `Page::parse`d (the content crate's definition of the site's pages, shared with
//! the server), and the page's kind chooses the component. The router itself then knows a single route, so the
//! site's pages are listed once, and the wasm carries one route's code instead of one per path pattern.

use broadsheet_content::Page;
use leptos::prelude::*;

use super::{ArticlePage, EmbedPage, FrontPage, ListingPage, NotFound, SavedPage};

/// Which component draws a page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drawn {
    Front,
    Listing,
    Article,
    Saved,
    EmbedBuilder,
    NotFound,
}

fn drawn(page: Option<&Page>) -> Drawn {
    match page {
        None => Drawn::NotFound,
        Some(Page::Front) => Drawn::Front,
        Some(Page::Article { .. }) => Drawn::Article,
        Some(Page::Saved) => Drawn::Saved,
        Some(Page::EmbedBuilder) => Drawn::EmbedBuilder,
        Some(
            Page::Latest { .. }
            | Page::Section { .. }
            | Page::Kind { .. }
            | Page::Topic { .. }
            | Page::Author { .. }
            | Page::Search { .. },
        ) => Drawn::Listing,
    }
}

/// The page at the current address. Moving between two pages of one kind (two sections, two articles) keeps the
/// component, which follows the address itself.
#[component]
pub fn AnyPage() -> impl IntoView {
    let current = crate::page::use_current();
    let kind = Memo::new(move |_| drawn(current.get().as_ref()));
    move || match kind.get() {
        Drawn::Front => view! { <FrontPage/> }.into_any(),
        Drawn::Listing => view! { <ListingPage/> }.into_any(),
        Drawn::Article => view! { <ArticlePage/> }.into_any(),
        Drawn::Saved => view! { <SavedPage/> }.into_any(),
        Drawn::EmbedBuilder => view! { <EmbedPage/> }.into_any(),
        Drawn::NotFound => view! { <NotFound/> }.into_any(),
    }
}
