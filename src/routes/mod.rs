//! One file per route, named after it.

mod article;
mod embed;
mod front;
mod listing;
mod not_found;
mod saved;
mod section;

pub use article::ArticlePage;
pub use embed::EmbedPage;
pub use front::FrontPage;
pub use listing::{KindPage, LatestPage, ListingView};
pub use not_found::NotFound;
pub use saved::SavedPage;
pub use section::SectionPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `?page=N` of the URL; anything that is not a page number is page 1.
pub fn parse_page(raw: Option<&str>) -> u32 {
    raw.and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// The current page number, reactive.
pub fn use_page() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| parse_page(query.read().get("page").as_deref()))
}

#[cfg(test)]
mod tests {
    use super::parse_page;

    #[test]
    fn pages_from_the_url() {
        assert_eq!(parse_page(None), 1);
        assert_eq!(parse_page(Some("4")), 4);
        assert_eq!(parse_page(Some("0")), 1);
        assert_eq!(parse_page(Some("-3")), 1);
        assert_eq!(parse_page(Some("abc")), 1);
    }
}
