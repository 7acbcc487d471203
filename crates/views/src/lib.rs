//! Broadsheet's presentational views: data in, markup out. No router, no fetch, no `document()`: the app
//! (`src/`, in the browser) and the reference server (`crates/server`, Leptos `ssr`) render these same
//! components, so the first paint and the app's page are one markup written once.
//!
//! What only a browser can do (prefetching on hover, moving focus, building a page a region per task) reaches the
//! views through [`Browser`], a context the app provides; rendered on the server, the views go without it.
// Leptos views nest deeply in types; rendering them (ssr) needs a deeper query limit than the default 128.
#![recursion_limit = "256"]

pub mod article;
pub mod author;
pub mod blocks;
pub mod comment_form;
pub mod embed_builder;
pub mod frame;
pub mod head;
pub mod listing;
pub mod live;
pub mod newsletter;
pub mod not_found;
pub mod pager;
pub mod picture;
pub mod preview;
pub mod rails;
pub mod search;
pub mod subscribe;
pub mod teaser;
pub mod widget;

use leptos::prelude::*;

/// The style sheet of the server's form pages (the comment form, the page for partners): `public/forms.css`, which
/// index.html copies into the build. Kept out of the app's own sheet, which every first visit loads.
pub const FORMS_STYLESHEET: &str = "/forms.css";

/// The browser's side of the views, provided by the app as context. Absent on the server.
#[derive(Clone, Copy)]
pub struct Browser {
    /// A reader showed interest in this article (pointer over, or focus on, its link).
    pub article_intent: fn(&broadsheet_content::Page),
    /// The skip link was used: focus the main column (the router would take `#main` as a navigation).
    pub skip_to_main: fn(leptos::ev::MouseEvent),
    /// A signal that turns true when a region of the page may be built: at once, or in a task of its own while
    /// the app builds hidden behind the server's HTML (`src/startup.rs`).
    pub build_region: fn() -> Signal<bool>,
}

/// The [`Browser`] context, if the views are rendered in the app.
pub fn browser() -> Option<Browser> {
    use_context::<Browser>()
}

/// True at once on the server; in the browser, when the app may build this region.
pub fn build_region() -> Signal<bool> {
    match browser() {
        Some(b) => (b.build_region)(),
        None => Signal::stored(true),
    }
}
