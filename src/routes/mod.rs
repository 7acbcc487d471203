//! One file per route, named after it. The presentational views are in `crates/views`; these pages add the
//! router, loading and start-up around them.

mod article;
mod current;
mod front;
mod listing;
mod not_found;
mod saved;

pub use article::ArticlePage;
pub use current::CurrentPage;
pub use front::FrontPage;
pub use listing::ListingPage;
pub use not_found::NotFound;
pub use saved::SavedPage;
