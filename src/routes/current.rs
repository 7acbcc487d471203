//! The page for the current path: the content crate's [`Page`] chooses the component, so the app's routes are the
//! contract's. A component is made again only when the kind of page changes (front, listing, article, saved or
//! not found); within a kind, the page follows the path as it did under a route of its own.

use broadsheet_content::Page;
use leptos::prelude::*;

use super::{ArticlePage, FrontPage, ListingPage, NotFound, SavedPage};

/// Which component shows a page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Front,
    Listing,
    Article,
    Saved,
    NotFound,
}

impl Kind {
    fn of(page: Option<&Page>) -> Kind {
        match page {
            None => Kind::NotFound,
            Some(Page::Front) => Kind::Front,
            Some(Page::Article { .. }) => Kind::Article,
            Some(Page::Saved) => Kind::Saved,
            Some(
                Page::Latest { .. }
                | Page::Section { .. }
                | Page::Kind { .. }
                | Page::Topic { .. }
                | Page::Author { .. }
                | Page::Search { .. },
            ) => Kind::Listing,
        }
    }
}

/// The current path's page component.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let current = crate::page::use_current();
    let kind = Memo::new(move |_| current.with(|p| Kind::of(p.as_ref())));
    move || match kind.get() {
        Kind::Front => view! { <FrontPage/> }.into_any(),
        Kind::Listing => view! { <ListingPage/> }.into_any(),
        Kind::Article => view! { <ArticlePage/> }.into_any(),
        Kind::Saved => view! { <SavedPage/> }.into_any(),
        Kind::NotFound => view! { <NotFound/> }.into_any(),
    }
}
