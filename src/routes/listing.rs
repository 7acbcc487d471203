//! Every paginated list of articles: `/{section}`, `/latest`, `/kinds/{kind}`, `/topics/{topic}`,
//! `/authors/{author}` and `/search`.

use broadsheet_content::{Listing, Page};
use broadsheet_views::head::Head;
use broadsheet_views::listing::ListingView;
use leptos::prelude::*;

use super::NotFound;
use crate::api::FetchError;
use crate::components::offline::PageFailure;
use crate::components::states::Placeholder;
use crate::load::{use_api, Load};

/// A listing page, whichever kind the URL names.
#[component]
pub fn ListingPage() -> impl IntoView {
    let current = crate::page::use_current();
    // Only listings: while the router moves to another route, the URL already names the next page.
    let page = Memo::new(move |before: Option<&Option<Page>>| {
        let listing = current.get().filter(|p| {
            matches!(
                p,
                Page::Latest { .. }
                    | Page::Section { .. }
                    | Page::Kind { .. }
                    | Page::Topic { .. }
                    | Page::Author { .. }
                    | Page::Search { .. }
            )
        });
        match (listing, current.get()) {
            (Some(p), _) => Some(p),
            (None, None) => None,
            // Another route's page: this one keeps its own until it goes.
            (None, Some(_)) => before.cloned().flatten(),
        }
    });
    let listing = use_api::<Listing>(move || page.get().and_then(|p| p.api_path()));
    let retry = Callback::new(move |_| listing.retry());
    crate::navigation::ready_after(listing.erased());
    move || match (page.get(), listing.get()) {
        (None, _) | (_, Load::Failed(FetchError::NotFound)) => view! { <NotFound/> }.into_any(),
        (_, Load::Loading) => view! { <Placeholder lines=20/> }.into_any(),
        (_, Load::Failed(e)) => view! { <PageFailure error=e retry=retry/> }.into_any(),
        // A page past the last is no page, as the server answers it (404); page 1 always is, even empty.
        (Some(p), Load::Ready(l)) if !l.meta.has_page(p.page_number()) => {
            view! { <NotFound/> }.into_any()
        }
        (Some(p), Load::Ready(l)) => {
            crate::head::set(&Head::listing(&crate::head::site(), &p, &l));
            view! { <ListingView listing=l page=p/> }.into_any()
        }
    }
}
