//! `/saved`: the articles the reader saved for offline reading. Works offline: it reads this device's storage.

use leptos::prelude::*;

use crate::components::meta::PageMeta;
use crate::components::offline::OfflineList;

#[component]
pub fn SavedPage() -> impl IntoView {
    Effect::new(move |_| crate::navigation::page_ready());
    view! {
        <PageMeta title="Saved articles".to_string()
            description="Articles you saved on this device to read offline.".to_string() path="/saved".to_string()/>
        <div class="saved-page">
            <h1 tabindex="-1">"Saved articles"</h1>
            <p>"Kept on this device until you remove them, so you can read them without a connection."</p>
            <OfflineList saved_only=true/>
        </div>
    }
}
