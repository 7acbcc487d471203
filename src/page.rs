//! The page the router shows, as the content crate's typed [`Page`]: loaders take its API path from it.

use crate::router::use_location;
use broadsheet_content::Page;
use leptos::prelude::*;

/// The current page (`None`: the not-found page), reactive.
pub fn use_current() -> Memo<Option<Page>> {
    let location = use_location();
    Memo::new(move |_| {
        let search = location.search.get();
        Page::parse(
            &location.pathname.get(),
            Some(search.trim_start_matches('?')),
        )
    })
}
