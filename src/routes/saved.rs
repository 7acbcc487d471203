//! `/saved`: the articles the reader saved for offline reading. Works offline: it reads this device's storage.

use broadsheet_content::Page;
use broadsheet_views::head::Head;
use leptos::prelude::*;

use crate::components::offline::OfflineList;

#[component]
pub fn SavedPage() -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    crate::head::set(&Head::plain(
        &crate::head::site(),
        &Page::Saved,
        "Saved articles",
        "Articles you saved on this device to read offline.",
    ));
    view! {
        <div class="saved-page">
            <h1 tabindex="-1">"Saved articles"</h1>
            <p>"Kept on this device until you remove them, so you can read them without a connection."</p>
            <OfflineList saved_only=true/>
        </div>
    }
}
