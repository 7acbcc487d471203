//! `/saved`: the articles the reader saved for offline reading. Works offline: it reads this device's storage.

use broadsheet_views::head::Head;
use leptos::prelude::*;

use crate::components::offline::OfflineList;

#[component]
pub fn SavedPage() -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    crate::head::set(&Head::saved(&crate::head::site()));
    view! {
        <div class="saved-page">
            <h1 tabindex="-1">"Saved articles"</h1>
            <p>"Kept on this device until you remove them, so you can read them without a connection."</p>
            <OfflineList saved_only=true/>
        </div>
    }
}
